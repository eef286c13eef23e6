package io.backorderengine.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;

/**
 * What the bare engine can do with our model, without any of our code: {@code processes/backorder.bpmn}
 * with every delegate doing nothing, against the one-user-task baseline the intake benchmark uses, on
 * the same engine, database and history level, in one run. It answers how close to the baseline any
 * intake can come while a case is this model: the start up to the notice's job, the notice job itself,
 * and the wake of a waiting case by its {@code StockAllocated} message up to the end of its process
 * (the ship notice's job included).
 *
 * <p>Eight threads start instances as eight request threads would; the engine's job executor runs the
 * jobs. H2 in a file with {@code WRITE_DELAY=0} as the product runs it, and embedded PostgreSQL. Figures
 * go to {@code target/benchmark/engine-floor.{json,md}}; run with {@code ./mvnw -Pbenchmark verify} or
 * alone: {@code ./mvnw -Pbenchmark org.codehaus.mojo:exec-maven-plugin:3.7.0:exec@engine-floor-benchmark}.
 */
public final class EngineFloorBenchmark {

    private static final int THREADS = 8;
    private static final int INSTANCES = 2_000;
    private static final int ROUNDS = 3;
    private static final String BASELINE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                         xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="floor">
              <process id="benchmarkBaseline" isExecutable="true" camunda:historyTimeToLive="P1D">
                <startEvent id="StartEvent_B"/>
                <sequenceFlow id="Flow_B1" sourceRef="StartEvent_B" targetRef="UserTask_B"/>
                <userTask id="UserTask_B" name="Baseline task"/>
                <sequenceFlow id="Flow_B2" sourceRef="UserTask_B" targetRef="EndEvent_B"/>
                <endEvent id="EndEvent_B"/>
              </process>
            </definitions>""";

    public static void main(String[] args) throws Exception {
        Path out = Path.of("target", "benchmark");
        Files.createDirectories(out);
        Map<String, Object> results = new LinkedHashMap<>();
        Path h2 = Files.createTempDirectory(out, "engine-floor-h2");
        results.put(
                "H2 (file)",
                measure("jdbc:h2:file:" + h2.toAbsolutePath() + "/floor;WRITE_DELAY=0;LOCK_TIMEOUT=10000", "sa"));
        try (EmbeddedPostgres postgres = BenchmarkPostgres.start()) {
            results.put("PostgreSQL (embedded)", measure(postgres.getJdbcUrl("postgres", "postgres"), "postgres"));
        }
        report(out, results);
        System.exit(0); // the engines' non-daemon threads are done; do not wait for them
    }

    private static Map<String, Object> measure(String url, String user) throws Exception {
        ProcessEngine engine = engine(url, user);
        try {
            EngineFloorBenchmark floor = new EngineFloorBenchmark(engine);
            floor.rate(floor::baselineStart, INSTANCES); // warm-up, not reported
            floor.modelRound();
            List<Map<String, Double>> rounds = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                Map<String, Double> figures = new LinkedHashMap<>();
                figures.put("baselineStartsPerSecond", floor.rate(floor::baselineStart, INSTANCES));
                figures.putAll(floor.modelRound());
                rounds.add(figures);
                System.out.printf(Locale.ROOT, "%s round %d: %s%n", url.split(":")[1], round, figures);
            }
            return Map.of("rounds", rounds);
        } finally {
            engine.close();
        }
    }

    private final ProcessEngine engine;
    private final ProcessEngineConfigurationImpl configuration;
    private final AtomicLong sequence = new AtomicLong();
    private final String run = Long.toString(System.nanoTime(), 36);

    private EngineFloorBenchmark(ProcessEngine engine) {
        this.engine = engine;
        this.configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
    }

    /** Starts with the job executor stopped, then its notice jobs, then waking every one of them. */
    private Map<String, Double> modelRound() throws Exception {
        Map<String, Double> figures = new LinkedHashMap<>();
        configuration.getJobExecutor().shutdown();
        long first = sequence.get() + 1;
        figures.put("modelStartsPerSecond", rate(n -> modelStart(), INSTANCES));
        long t0 = System.nanoTime();
        configuration.getJobExecutor().start();
        awaitJobsDone();
        figures.put("noticeJobsPerSecond", INSTANCES / seconds(t0));
        AtomicLong next = new AtomicLong(first);
        figures.put("wakesPerSecond", rate(n -> wake(next.getAndIncrement()), INSTANCES));
        return figures;
    }

    private void baselineStart(long n) {
        engine.getRuntimeService().startProcessInstanceByKey("benchmarkBaseline");
    }

    /** The variables the delegates would have set by the time they are read. */
    private void modelStart() {
        long n = sequence.incrementAndGet();
        Map<String, Object> variables = new HashMap<>();
        variables.put("orderId", "O" + run + n);
        variables.put("lineId", "1");
        variables.put("sku", "SKU-FLOOR");
        variables.put("quantityShort", 1);
        variables.put("customerTier", "STANDARD");
        variables.put("customerEmail", "floor@example.com");
        variables.put("expectedWaitDays", 10);
        variables.put("lineValue", 20.0);
        variables.put("maxWaitUntil", new Date(System.currentTimeMillis() + TimeUnit.DAYS.toMillis(30)));
        variables.put("reminderCycle", "R/P7D");
        engine.getRuntimeService().startProcessInstanceByKey("backorder", businessKey(n), variables);
    }

    private void wake(long n) {
        engine.getRuntimeService()
                .createMessageCorrelation("StockAllocated")
                .processInstanceBusinessKey(businessKey(n))
                .correlate();
    }

    private String businessKey(long n) {
        return "O" + run + n + "-1";
    }

    /** Calls per second with eight threads, until every call returned and every job it caused is done. */
    private double rate(LongConsumer call, int count) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            long t0 = System.nanoTime();
            List<Future<?>> calls = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                long n = i;
                calls.add(threads.submit(() -> call.accept(n)));
            }
            for (Future<?> done : calls) {
                done.get();
            }
            if (configuration.getJobExecutor().isActive()) {
                awaitJobsDone();
            }
            return count / seconds(t0);
        } finally {
            threads.shutdown();
        }
    }

    /** Waits (bounded) until no message job is left: notices are part of the work measured. */
    private void awaitJobsDone() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (engine.getManagementService().createJobQuery().messages().count() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the notice jobs did not finish within 10 minutes");
            }
            Thread.sleep(20);
        }
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static ProcessEngine engine(String url, String user) throws Exception {
        JavaDelegate nothing = execution -> {};
        Map<Object, Object> beans = new HashMap<>();
        for (String delegate : List.of(
                "registerCaseDelegate",
                "rankInQueueDelegate",
                "determineExpectedDateDelegate",
                "findAlternativesDelegate",
                "recordOfferDelegate",
                "sendCaseEmailDelegate",
                "openEscalationDelegate",
                "reEscalateDelegate",
                "extendWaitDelegate",
                "recordSupervisorCancellationDelegate",
                "checkCustomerSilenceDelegate",
                "requestAgentContactDelegate",
                "applyCustomerDecisionDelegate",
                "switchToAlternativeDelegate",
                "releaseReservationDelegate")) {
            beans.put(delegate, nothing);
        }
        beans.put("mailRetry", new MailRetry());
        beans.put("closeCaseListener", new CloseCase());
        StandaloneProcessEngineConfiguration configuration = new StandaloneProcessEngineConfiguration();
        configuration.setProcessEngineName("floor-" + System.nanoTime());
        configuration.setJdbcUrl(url);
        configuration.setJdbcDriver(url.startsWith("jdbc:h2") ? "org.h2.Driver" : "org.postgresql.Driver");
        configuration.setJdbcUsername(user);
        configuration.setJdbcPassword("");
        configuration.setJdbcMaxActiveConnections(20);
        configuration.setDatabaseSchemaUpdate("true");
        // the standard level nearest the product's own (case-audit: activities, not variable updates)
        configuration.setHistory("activity");
        // history found by end time when it is cleaned, as the product has it: no removal time is stamped
        // on every history row when a process ends
        configuration.setHistoryCleanupStrategy("endTimeBased");
        configuration.setHistoryRemovalTimeStrategy("none");
        configuration.setBeans(beans);
        configuration.setJobExecutorActivate(true);
        configuration.setMetricsEnabled(false);
        configuration.setDbMetricsReporterActivate(false);
        ProcessEngine engine = configuration.buildProcessEngine();
        var deployment = engine.getRepositoryService().createDeployment().addString("baseline.bpmn", BASELINE);
        for (String model : List.of("backorder.bpmn", "offer-policy.dmn", "allocation-priority.dmn")) {
            deployment.addString(model, Files.readString(Path.of("processes", model)));
        }
        deployment.deploy();
        return engine;
    }

    /** The model's retry cycle expression, as {@code MailRetry} answers it. */
    public static final class MailRetry {
        public String getCycle() {
            return "R3/PT1M";
        }
    }

    /** The model's end listeners call it; closing a case is our code, not the engine's. */
    public static final class CloseCase {
        public void close(DelegateExecution execution, String outcome) {}
    }

    private static void report(Path out, Map<String, Object> results) throws Exception {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.writeValue(out.resolve("engine-floor.json").toFile(), results);
        StringBuilder md = new StringBuilder("""
                # Engine floor: our model in the bare engine (delegates do nothing)

                Machine: %d cores, %d MiB max heap. Medians of %d rounds of %,d instances, %d threads.

                | database | baseline starts/s | model starts/s (to the notice job) | ratio | notice jobs/s | \
                model start and notice, ratio to baseline | wakes/s (to the end, ship notice included) |
                | --- | ---: | ---: | ---: | ---: | ---: | ---: |
                """.formatted(
                        Runtime.getRuntime().availableProcessors(),
                        Runtime.getRuntime().maxMemory() >> 20,
                        ROUNDS,
                        INSTANCES,
                        THREADS));
        results.forEach((database, result) -> {
            @SuppressWarnings("unchecked")
            List<Map<String, Double>> rounds = (List<Map<String, Double>>) ((Map<String, Object>) result).get("rounds");
            double baseline = median(rounds, "baselineStartsPerSecond");
            double starts = median(rounds, "modelStartsPerSecond");
            double notices = median(rounds, "noticeJobsPerSecond");
            double both = 1 / (1 / starts + 1 / notices);
            String line = String.format(
                    Locale.ROOT,
                    "| %s | %.0f | %.0f | %.2f | %.0f | %.2f | %.0f |%n",
                    database,
                    baseline,
                    starts,
                    starts / baseline,
                    notices,
                    both / baseline,
                    median(rounds, "wakesPerSecond"));
            md.append(line);
            System.out.print(line);
        });
        Files.writeString(out.resolve("engine-floor.md"), md);
    }

    private static double median(List<Map<String, Double>> rounds, String figure) {
        List<Double> values =
                new ArrayList<>(rounds.stream().map(round -> round.get(figure)).toList());
        values.sort(Double::compare);
        return values.get(values.size() / 2);
    }
}
