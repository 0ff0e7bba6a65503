package io.rdbguard.webhook;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rdbguard.core.engine.Decision;
import io.rdbguard.core.workload.Requester;
import io.rdbguard.data.EngineFactory;
import io.rdbguard.helm.ReleaseDecoder;
import io.rdbguard.helm.ReleasePreflight;
import io.rdbguard.kube.AdmissionReviews;
import io.rdbguard.kube.LiveStates;
import io.rdbguard.kube.OnLookupFailure;
import io.rdbguard.kube.ReviewRequest;
import io.rdbguard.testing.FakeApi;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
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
 * The Helm pre-flight of one release record, without HTTP: decode the record, read its manifest and judge each workload.
 * The API is a stand-in that has none of the release's objects (each workload is judged as new), so the figure is
 * rdb-guard's own cost; divide by {@code workloads} for the cost per workload.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 8, time = 2) // 3×2 s left C2 compiling on 2 cores: parse of update-bitnami 57 µs after it, 34 µs after 8×2 s
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HelmPreflightBenchmark {

    @Param({"1", "20", "100"})
    public int workloads;

    private ReleasePreflight preflight;
    private HasMetadata record;

    @Setup
    public void setUp() throws Exception {
        LiveStates noObjects = new LiveStates(FakeApi.of((type, namespace, name) -> Optional.empty()), Runnable::run,
                Duration.ofSeconds(3), OnLookupFailure.ALLOW, true);
        preflight = new ReleasePreflight(new ReleaseDecoder(32L << 20), noObjects,
                EngineFactory.build(EngineFactory.Sources.BUILT_IN, Clock.systemUTC()));
        ReviewRequest request = new AdmissionReviews(BenchInputs.webhookMapper(), ReleasePreflight::isReleaseRecord)
                .read("application/json", BenchInputs.read("helm-release-" + workloads));
        record = ReleaseReviews.releaseRecord(request)
                .orElseThrow(() -> new IllegalStateException("helm-release-" + workloads + " carries no Helm release record"));
    }

    @Benchmark
    public Decision preflight() {
        return preflight.review(record, "bench", Requester.UNKNOWN, false);
    }
}
