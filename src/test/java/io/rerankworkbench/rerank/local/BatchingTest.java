package io.rerankworkbench.rerank.local;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class BatchingTest {

    private static TokenizedText text(int length) {
        return new TokenizedText(new long[length], new long[length], 0);
    }

    @Test
    void oneLongDocumentDoesNotPadManyShortOnes() {
        List<TokenizedText> texts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            texts.add(text(12 + i % 5));
        }
        texts.add(10, text(256));
        List<List<Integer>> batches = LocalModel.batches(texts, 32, 100_000);
        assertThat(batches).hasSize(2);
        assertThat(batches.get(1)).containsExactly(10);
    }

    @Test
    void everyTextLandsInExactlyOneBatchOfAtMost32SortedByLength() {
        Random random = new Random(7);
        List<TokenizedText> texts = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            texts.add(text(3 + random.nextInt(254)));
        }
        List<List<Integer>> batches = LocalModel.batches(texts, 32, 100_000);
        List<Integer> all = batches.stream().flatMap(List::stream).sorted().toList();
        assertThat(all).hasSize(500).doesNotHaveDuplicates();
        assertThat(batches).allSatisfy(b -> assertThat(b).hasSizeBetween(1, 32));
        int previousMax = 0;
        for (List<Integer> batch : batches) {
            int min = batch.stream().mapToInt(i -> texts.get(i).length()).min().orElseThrow();
            int max = batch.stream().mapToInt(i -> texts.get(i).length()).max().orElseThrow();
            assertThat(min).isGreaterThanOrEqualTo(previousMax);
            long real = batch.stream().mapToLong(i -> texts.get(i).length()).sum();
            assertThat((long) batch.size() * max).isLessThanOrEqualTo((long) (1.08 * real) + 32);
            previousMax = max;
        }
    }

    @Test
    void longTextsGoInBatchesWithinTheTokenBudget() {
        List<TokenizedText> texts = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            texts.add(text(256));
        }
        texts.add(text(3000));
        List<List<Integer>> batches = LocalModel.batches(texts, 32, 2048);
        assertThat(batches).extracting(List::size).containsExactly(8, 8, 4, 1);
    }

    @Test
    void equalLengthsFillBatchesOf32() {
        List<TokenizedText> texts = new ArrayList<>();
        for (int i = 0; i < 70; i++) {
            texts.add(text(40));
        }
        assertThat(LocalModel.batches(texts, 32, 100_000)).extracting(List::size).containsExactly(32, 32, 6);
    }
}
