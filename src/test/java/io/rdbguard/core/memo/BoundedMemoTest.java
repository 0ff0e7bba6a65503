package io.rdbguard.core.memo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedMemoTest {

    @Test
    void an_answer_is_computed_once_per_key() {
        AtomicInteger computed = new AtomicInteger();
        BoundedMemo<String, Integer> memo = new BoundedMemo<>(10);
        for (int i = 0; i < 3; i++) {
            assertEquals(5, memo.get("redis", key -> {
                computed.incrementAndGet();
                return key.length();
            }));
        }
        assertEquals(1, computed.get());
    }

    @Test
    void a_flood_of_distinct_keys_never_holds_more_than_the_bound_and_every_answer_stays_right() {
        BoundedMemo<String, Integer> memo = new BoundedMemo<>(100);
        for (int i = 0; i < 10_000; i++) {
            String key = "image-" + i;
            assertEquals(key.length(), memo.get(key, String::length));
            assertTrue(memo.size() <= 100, "holds " + memo.size() + " answers after " + (i + 1) + " keys");
        }
    }

    @Test
    void an_answer_for_a_key_larger_than_the_limit_is_computed_every_time_and_not_kept() {
        AtomicInteger computed = new AtomicInteger();
        BoundedMemo<String, Integer> memo = new BoundedMemo<>(100, String::length, 10);
        String large = "x".repeat(11);
        for (int i = 0; i < 3; i++) {
            assertEquals(11, memo.get(large, key -> {
                computed.incrementAndGet();
                return key.length();
            }));
        }
        assertEquals(3, computed.get());
        assertEquals(0, memo.size());
    }
}
