package io.rerankworkbench.core;

/**
 * Neutralises text cells that a spreadsheet would run as a formula (CSV injection): a cell starting with
 * {@code = + - @}, a tab or a carriage return gets a leading apostrophe, which spreadsheets hide and treat as "this
 * is text".
 */
public final class SpreadsheetSafe {

    private SpreadsheetSafe() {
    }

    public static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        return switch (value.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r' -> "'" + value;
            default -> value;
        };
    }
}
