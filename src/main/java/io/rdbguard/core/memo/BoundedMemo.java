package io.rdbguard.core.memo;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * Remembers answers that every request would otherwise compute again (what an image is, what a container runs, what a
 * probe proves), safe to share between threads. Keys come from requests, so a stream of crafted distinct keys must not
 * grow it: it holds at most {@code maxEntries} answers (when full, it forgets all and starts again) and does not
 * remember an answer whose key is larger than {@code maxKeySize} (those are computed every time). A memo lives as long
 * as the knowledge its answers come from: a reload builds new ones.
 */
public final class BoundedMemo<K, V> {

    private final int maxEntries;
    private final ToIntFunction<K> keySize;
    private final int maxKeySize;
    private final Map<K, V> answers = new ConcurrentHashMap<>();

    /** A memo whose keys are all small (bounded values such as tag names). */
    public BoundedMemo(int maxEntries) {
        this(maxEntries, key -> 0, 0);
    }

    /** {@code keySize}: how large a key is, in characters (what it keeps reachable). */
    public BoundedMemo(int maxEntries, ToIntFunction<K> keySize, int maxKeySize) {
        if (maxEntries <= 0) {
            throw new IllegalArgumentException("a memo holds at least one answer, not " + maxEntries);
        }
        this.maxEntries = maxEntries;
        this.keySize = keySize;
        this.maxKeySize = maxKeySize;
    }

    /** The answer for {@code key}, computed by {@code compute} (never null) unless remembered. */
    public V get(K key, Function<? super K, ? extends V> compute) {
        V known = answers.get(key);
        if (known != null) {
            return known;
        }
        V answer = compute.apply(key);
        if (keySize.applyAsInt(key) <= maxKeySize) {
            if (answers.size() >= maxEntries) {
                answers.clear();
            }
            answers.put(key, answer);
        }
        return answer;
    }

    /** How many answers it holds now. */
    public int size() {
        return answers.size();
    }
}
