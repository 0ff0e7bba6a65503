package io.rdbguard.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** One fuzz case: a seed review and the genes that mutate it; the same random seed gives the same cases. */
public record FuzzCase(FuzzedReview seed, List<Long> genes) {

    /** {@code count} cases drawn from the seeds of {@link FuzzSeeds}. */
    public static List<FuzzCase> generate(long randomSeed, int count) {
        List<FuzzedReview> seeds = FuzzSeeds.all();
        Random random = new Random(randomSeed);
        List<FuzzCase> cases = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            cases.add(new FuzzCase(seeds.get(random.nextInt(seeds.size())), genes(random)));
        }
        return cases;
    }

    public FuzzedReview review() {
        return seed.mutated(genes);
    }

    /** One to four mutations, mostly one or two: most bugs need one, a few need a second to reach them. */
    private static List<Long> genes(Random random) {
        int count = 1 + (int) Math.floor(Math.pow(random.nextDouble(), 2) * 4);
        List<Long> genes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            genes.add(random.nextLong());
        }
        return genes;
    }
}
