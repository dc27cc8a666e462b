package io.fixbridge.gateway.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.fixbridge.gateway.config.GatewayConfigException;

/** Defaults in one place; every invalid value named by its setting. */
class JournalConfigTest {
    private final JournalConfig defaults = JournalConfig.defaults(Path.of("/var/lib/fixbridge"));

    @Test
    void defaultsAreSafe() {
        assertThat(defaults.directory()).isEqualTo(Path.of("/var/lib/fixbridge/journal"));
        assertThat(defaults.fsync()).isEqualTo(FsyncPolicy.ALWAYS);
        assertThat(defaults.segmentSize()).isEqualTo(64L * 1024 * 1024);
        assertThat(defaults.batchInterval()).isEqualTo(Duration.ofMillis(2));
    }

    @Test
    void invalidValuesNameTheirSetting() {
        assertThatThrownBy(() -> defaults.withSegmentSize(100)).isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("journal.segmentSize").hasMessageContaining("100");
        assertThatThrownBy(() -> defaults.withBatchInterval(Duration.ZERO)).isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("journal.batchInterval");
        assertThatThrownBy(() -> defaults.withBatchInterval(Duration.ofSeconds(5))).isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("journal.batchInterval");
        assertThatThrownBy(() -> defaults.withFsync(null)).isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("journal.fsync");
        assertThatThrownBy(() -> defaults.withDirectory(null)).isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("journal.directory");
    }

    @Test
    void fsyncParsesCaseInsensitivelyAndRefusesUnknownValuesListingTheAllowedOnes() {
        assertThat(FsyncPolicy.parse("batch")).isEqualTo(FsyncPolicy.BATCH);
        assertThat(FsyncPolicy.parse(" Always ")).isEqualTo(FsyncPolicy.ALWAYS);
        assertThatThrownBy(() -> FsyncPolicy.parse("sometimes")).isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("journal.fsync: 'sometimes' is not one of always, batch, none");
        assertThatThrownBy(() -> FsyncPolicy.parse(null)).isInstanceOf(GatewayConfigException.class)
                .hasMessageContaining("journal.fsync");
    }
}
