package io.rerankworkbench.core;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteSizeTest {

    @Test
    void formatsWithOneDecimalInBinaryUnits() {
        assertThat(ByteSize.format(0)).isEqualTo("0 B");
        assertThat(ByteSize.format(1023)).isEqualTo("1023 B");
        assertThat(ByteSize.format(1024)).isEqualTo("1.0 KB");
        assertThat(ByteSize.format(2135)).isEqualTo("2.1 KB");
        assertThat(ByteSize.format(90_387_606L + 711_661L)).isEqualTo("86.9 MB");
        assertThat(ByteSize.format(1024L * 1024 * 1024 - 1)).isEqualTo("1.0 GB");
        assertThat(ByteSize.format(5L * 1024 * 1024 * 1024 * 1024 * 1024)).isEqualTo("5120.0 TB");
    }

    @Test
    void negativeSizesAreRejected() {
        assertThatThrownBy(() -> ByteSize.format(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
