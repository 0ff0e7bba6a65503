package io.rdbguard.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.core.engine.Engine;
import io.rdbguard.core.workload.Change;
import io.rdbguard.data.EngineFactory;
import io.rdbguard.helm.ReleasePreflight;
import io.rdbguard.kube.AdmissionReviews;
import io.rdbguard.kube.Changes;
import io.rdbguard.kube.ReviewRequest;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The stages of one admission review without HTTP, each on its own: parse (the body to the request), map (the request to
 * the core's change), judge (the engine, no metrics or log), respond (the response's JSON bytes), and all of them in a
 * row as the route runs them. Inputs are the review bodies bench/inputs.py writes (bench/jmh makes them).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 2) // 3×2 s left C2 compiling on 2 cores: parse of update-bitnami 57 µs after it, 34 µs after 8×2 s
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ReviewStagesBenchmark {

    @Param({"update-bitnami", "update-bitnami-unjudged", "create-small", "containers-50", "object-1mib"})
    public String review;

    private final ObjectMapper mapper = BenchInputs.webhookMapper();
    private AdmissionReviews reader;
    private Engine engine;
    private byte[] body;
    private ReviewRequest request;
    private Change change;
    private Decision decision;

    @Setup
    public void setUp() throws Exception {
        reader = new AdmissionReviews(mapper, ReleasePreflight::isReleaseRecord);
        engine = EngineFactory.build(EngineFactory.Sources.BUILT_IN, Clock.systemUTC());
        body = BenchInputs.read(review);
        request = parse();
        change = Changes.fromAdmission(request).orElse(null);
        decision = change == null ? null : engine.judge(change);
    }

    @Benchmark
    public ReviewRequest parse() {
        return reader.read("application/json", body);
    }

    @Benchmark
    public Object map() {
        return Changes.fromAdmission(request);
    }

    @Benchmark
    public Decision judge() {
        return change == null ? null : engine.judge(change);
    }

    @Benchmark
    public byte[] respond() throws Exception {
        return mapper.writeValueAsBytes(decision == null ? AdmissionResponses.allowed(request.uid())
                : AdmissionResponses.of(request.uid(), decision));
    }

    @Benchmark
    public byte[] all() throws Exception {
        ReviewRequest read = reader.read("application/json", body);
        AdmissionResponses.Review answer = Changes.fromAdmission(read)
                .map(c -> AdmissionResponses.of(read.uid(), engine.judge(c)))
                .orElseGet(() -> AdmissionResponses.allowed(read.uid()));
        return mapper.writeValueAsBytes(answer);
    }
}
