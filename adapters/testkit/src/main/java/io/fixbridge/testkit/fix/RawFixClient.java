package io.fixbridge.testkit.fix;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A FIX 4.4 tag=value client written from the specification, with no FIX engine under it: it
 * frames, checksums and parses messages itself. Tests use it as the "independent FIX engine"
 * and to send what a well-behaved engine would never send (malformed messages).
 *
 * <p>Not thread-safe: one test thread drives it.
 */
public final class RawFixClient implements AutoCloseable {
    private static final char SOH = '\u0001';
    private static final DateTimeFormatter SENDING_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HH:mm:ss.SSS");

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String senderCompId;
    private final String targetCompId;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private int nextSeqNum = 1;

    public RawFixClient(String host, int port, String senderCompId, String targetCompId) throws IOException {
        this.socket = new Socket(host, port);
        this.socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.senderCompId = senderCompId;
        this.targetCompId = targetCompId;
    }

    /** Sends a message of the given type with the given body fields; header and trailer are added. */
    public String send(String msgType, List<Map.Entry<Integer, String>> body) throws IOException {
        StringBuilder fields = new StringBuilder();
        append(fields, 35, msgType);
        append(fields, 49, senderCompId);
        append(fields, 56, targetCompId);
        append(fields, 34, String.valueOf(nextSeqNum++));
        append(fields, 52, SENDING_TIME.format(ZonedDateTime.now(ZoneOffset.UTC)));
        for (Map.Entry<Integer, String> f : body) {
            append(fields, f.getKey(), f.getValue());
        }
        return sendRaw(frame(fields.toString()));
    }

    /** Frames a body (everything from 35= on) with BeginString, BodyLength and CheckSum. */
    public static String frame(String bodyFields) {
        int length = bodyFields.getBytes(StandardCharsets.US_ASCII).length;
        String head = "8=FIX.4.4" + SOH + "9=" + length + SOH;
        String withoutChecksum = head + bodyFields;
        int sum = 0;
        for (byte b : withoutChecksum.getBytes(StandardCharsets.US_ASCII)) {
            sum += b & 0xff;
        }
        return withoutChecksum + "10=" + String.format("%03d", sum % 256) + SOH;
    }

    /** Sends bytes exactly as given; the caller owns framing. Returns what was sent, SOH as '|'. */
    public String sendRaw(String wire) throws IOException {
        out.write(wire.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return wire.replace(SOH, '|');
    }

    /** Spends a sequence number, for a caller that frames its own message. */
    public int takeSeqNum() {
        return nextSeqNum++;
    }

    /**
     * Reads the next whole message, or null if none arrives within {@code timeout}.
     * Returns its fields in wire order.
     */
    public List<Map.Entry<Integer, String>> receive(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buffer = new byte[4096];
        while (true) {
            List<Map.Entry<Integer, String>> message = takeMessage();
            if (message != null) {
                return message;
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return null;
            }
            socket.setSoTimeout((int) Math.max(1, left));
            try {
                int n = in.read(buffer);
                if (n < 0) {
                    return null;
                }
                pending.write(buffer, 0, n);
            } catch (SocketTimeoutException e) {
                return null;
            }
        }
    }

    /** Reads messages until one of {@code msgType} arrives (heartbeats skipped), or fails. */
    public List<Map.Entry<Integer, String>> receive(String msgType, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            List<Map.Entry<Integer, String>> m = receive(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (m == null) {
                break;
            }
            if (msgType.equals(get(m, 35))) {
                return m;
            }
            seen.add(m.toString());
        }
        throw new AssertionError("no 35=" + msgType + " within " + timeout + "; saw " + seen);
    }

    /** The first value of {@code tag}, or null. */
    public static String get(List<Map.Entry<Integer, String>> message, int tag) {
        for (Map.Entry<Integer, String> f : message) {
            if (f.getKey() == tag) {
                return f.getValue();
            }
        }
        return null;
    }

    private List<Map.Entry<Integer, String>> takeMessage() {
        String data = pending.toString(StandardCharsets.US_ASCII);
        int checksumAt = data.indexOf(SOH + "10=");
        if (!data.startsWith("8=") || checksumAt < 0) {
            return null;
        }
        int end = data.indexOf(SOH, checksumAt + 1);
        if (end < 0) {
            return null;
        }
        String message = data.substring(0, end + 1);
        byte[] rest = data.substring(end + 1).getBytes(StandardCharsets.US_ASCII);
        pending.reset();
        pending.write(rest, 0, rest.length);
        List<Map.Entry<Integer, String>> fields = new ArrayList<>();
        for (String pair : message.split(String.valueOf(SOH))) {
            int eq = pair.indexOf('=');
            fields.add(Map.entry(Integer.parseInt(pair.substring(0, eq)), pair.substring(eq + 1)));
        }
        verifyChecksum(message);
        return fields;
    }

    private static void verifyChecksum(String message) {
        int checksumAt = message.lastIndexOf(SOH + "10=") + 1;
        int sum = 0;
        for (byte b : message.substring(0, checksumAt).getBytes(StandardCharsets.US_ASCII)) {
            sum += b & 0xff;
        }
        String stated = message.substring(checksumAt + 3, message.length() - 1);
        if (Integer.parseInt(stated) != sum % 256) {
            throw new AssertionError("bad checksum " + stated + " (computed " + sum % 256 + ") in " + message);
        }
    }

    private static void append(StringBuilder sb, int tag, String value) {
        sb.append(tag).append('=').append(value).append(SOH);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
