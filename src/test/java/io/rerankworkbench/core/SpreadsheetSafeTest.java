package io.rerankworkbench.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadsheetSafeTest {

    @ParameterizedTest
    @ValueSource(strings = {"=1+2", "+1", "-1", "@SUM(A1:A9)", "\tcell", "\rcell", "=", "-", "=HYPERLINK(\"x\")"})
    void formulaStartsGetALeadingApostrophe(String value) {
        assertThat(SpreadsheetSafe.text(value)).isEqualTo("'" + value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Total =5", "a+b", "x-y", "mail@example.com", "plain text", " =1", "'=already", "1=1",
            "\nfirst line break", "东京", "é=mc²", "0.5"})
    void otherTextIsUntouched(String value) {
        assertThat(SpreadsheetSafe.text(value)).isSameAs(value);
    }

    @Test
    void nullAndEmptyPassThrough() {
        assertThat(SpreadsheetSafe.text(null)).isNull();
        assertThat(SpreadsheetSafe.text("")).isEmpty();
    }

    @Test
    void onlyOneApostropheIsAdded() {
        assertThat(SpreadsheetSafe.text("==x")).isEqualTo("'==x");
        assertThat(SpreadsheetSafe.text("-=+@")).isEqualTo("'-=+@");
    }
}
