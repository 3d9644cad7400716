package io.rerankworkbench.io.imports;

import java.nio.charset.StandardCharsets;

/**
 * One {@code String} per distinct ASCII field of a file: ids repeat (a run names each query on every line of it, and
 * documents recur across queries), and a million equal strings cost allocation and garbage collection time on a large
 * run. Looks the bytes up without making a string first. Not thread-safe.
 */
final class AsciiInterner {

    private String[] strings = new String[1 << 12];
    private int[] hashes = new int[1 << 12];
    private int size;

    /** The string of the ASCII bytes {@code b[from, to)}. */
    String intern(byte[] b, int from, int to) {
        int h = 0;
        for (int k = from; k < to; k++) {
            h = 31 * h + b[k]; // String.hashCode of these characters
        }
        int mask = strings.length - 1;
        int slot = (h ^ (h >>> 16)) & mask;
        String s;
        while ((s = strings[slot]) != null) {
            if (hashes[slot] == h && same(s, b, from, to)) {
                return s;
            }
            slot = (slot + 1) & mask;
        }
        s = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        strings[slot] = s;
        hashes[slot] = h;
        if (++size * 2 > strings.length) {
            grow();
        }
        return s;
    }

    private static boolean same(String s, byte[] b, int from, int to) {
        if (s.length() != to - from) {
            return false;
        }
        for (int k = from; k < to; k++) {
            if (s.charAt(k - from) != b[k]) {
                return false;
            }
        }
        return true;
    }

    private void grow() {
        String[] oldStrings = strings;
        int[] oldHashes = hashes;
        strings = new String[oldStrings.length * 2];
        hashes = new int[oldStrings.length * 2];
        int mask = strings.length - 1;
        for (int k = 0; k < oldStrings.length; k++) {
            if (oldStrings[k] != null) {
                int h = oldHashes[k];
                int slot = (h ^ (h >>> 16)) & mask;
                while (strings[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                strings[slot] = oldStrings[k];
                hashes[slot] = h;
            }
        }
    }
}
