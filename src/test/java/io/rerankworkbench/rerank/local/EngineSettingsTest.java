package io.rerankworkbench.rerank.local;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineSettingsTest {

    @AfterEach
    void clear() {
        System.clearProperty("rwb.batchSize");
        System.clearProperty("rwb.batchTokens");
        System.clearProperty("rwb.threads");
    }

    @Test
    void defaultsUseEveryCoreOneBatchAtATime() {
        EngineSettings s = EngineSettings.configured();
        assertThat(s.batchSize()).isEqualTo(32);
        assertThat(s.batchTokens()).isEqualTo(2048);
        assertThat(s.intraOpThreads()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(s.parallelBatches()).isEqualTo(1);
    }

    @Test
    void systemPropertiesOverrideTheDefaults() {
        System.setProperty("rwb.batchSize", "8");
        System.setProperty("rwb.batchTokens", " 512 ");
        System.setProperty("rwb.threads", "1");
        EngineSettings s = EngineSettings.configured();
        assertThat(s.batchSize()).isEqualTo(8);
        assertThat(s.batchTokens()).isEqualTo(512);
        assertThat(s.intraOpThreads()).isEqualTo(1);
    }

    @Test
    void badValuesNameTheSetting() {
        System.setProperty("rwb.threads", "all");
        assertThatThrownBy(EngineSettings::configured).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rwb.threads must be a whole number, was \"all\"");
        System.setProperty("rwb.threads", "0");
        assertThatThrownBy(EngineSettings::configured).hasMessageContaining("intra-op threads must be >= 1");
    }
}
