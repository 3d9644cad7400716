package io.rerankworkbench.eval.compare;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Two lists seen through each other: where each document of A sits in B and the other way round, and each
 * position's tie group. Built once per pair so that every measure reads plain int arrays instead of hashing ids.
 */
final class Alignment {

    final RankedList a;
    final RankedList b;
    /** posInB[i]: 0-based position in B of A's document at position i, or -1. */
    final int[] posInB;
    /** posInA[j]: 0-based position in A of B's document at position j, or -1. */
    final int[] posInA;
    /** groupA[i]: A's tie group at position i, numbered 0, 1, … down the list. */
    final int[] groupA;
    final int[] groupB;
    /** Documents in both lists. */
    final int shared;

    Alignment(RankedList a, RankedList b) {
        this.a = a;
        this.b = b;
        int sizeA = a.size();
        int sizeB = b.size();
        Map<String, Integer> inB = new HashMap<>(Math.max(16, sizeB * 2));
        for (int j = 0; j < sizeB; j++) {
            inB.put(b.id(j), j);
        }
        posInB = new int[sizeA];
        posInA = new int[sizeB];
        Arrays.fill(posInA, -1);
        int n = 0;
        for (int i = 0; i < sizeA; i++) {
            Integer j = inB.get(a.id(i));
            if (j == null) {
                posInB[i] = -1;
            } else {
                posInB[i] = j;
                posInA[j] = i;
                n++;
            }
        }
        shared = n;
        groupA = groups(a);
        groupB = groups(b);
    }

    private static int[] groups(RankedList list) {
        int[] g = new int[list.size()];
        for (int i = 1; i < g.length; i++) {
            g[i] = list.tiesWithNext(i - 1) ? g[i - 1] : g[i - 1] + 1;
        }
        return g;
    }
}
