package io.fixbridge.gateway.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The admin endpoints of a {@link TestGateway} over real HTTP, for tests. */
final class AdminHttp {
    /** The admin token the tests' gateways are configured with. */
    static final String TOKEN = "test-admin-token-0123456789";
    /** The {@code ops:} section that enables the admin endpoints with {@link #TOKEN} on a free port. */
    static final String OPS = "ops: {listen: \"127.0.0.1:0\", adminToken: \"" + TOKEN + "\"}\n";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private AdminHttp() {
    }

    /** {@code method path} on the gateway's ops endpoint with {@code token} (none when null) and a JSON {@code body} (none when null). */
    static HttpResponse<String> call(TestGateway gateway, String method, String path, String token, String body) throws Exception {
        var address = gateway.gateway().opsAddress();
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + address.getPort() + path))
                .timeout(Duration.ofSeconds(15))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The body of a successful answer as JSON; fails the test, showing the body, on any other status. */
    static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
        return JSON.readTree(r.body());
    }
}
