package io.backorderengine.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.icegreen.greenmail.util.GreenMail;
import com.sun.management.OperatingSystemMXBean;
import io.backorderengine.support.ApplicationNode;
import io.backorderengine.support.PromptSmtp;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.mail.internet.MimeMessage;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.FileSystemUtils;

/**
 * Intake at flash-sale speed, measured from outside as an order system sees it: the application in a
 * JVM of its own with the heap the README recommends, eight keep-alive clients on loopback, on H2 in a
 * file and on PostgreSQL (embedded, or {@code -Dbenchmark.postgres.url=jdbc:postgresql://...}).
 *
 * <ul>
 * <li>baseline: a trivial one-user-task process, deployed by the benchmark, started through
 * {@code /engine-rest} in the same application;</li>
 * <li>intake: {@code POST /api/orders} with two lines, one in stock and one short on a SKU with open
 * supply (no review), with 0, 10,000 and 50,000 cases already waiting on that hot SKU, and with the
 * short lines spread over 1,000 SKUs;</li>
 * <li>line cost: orders on a SKU nobody waits for and on the one with 50,000 waiting, taking turns, so that the
 * cost of the line's length is seen apart from the host's drift; and spread SKUs against the hot SKU the
 * same way;</li>
 * <li>sustained: 5,000 orders as fast as intake takes them, the run ending when every case waits and its
 * notice was accepted by the SMTP server;</li>
 * <li>order to notice at the SMTP server at a steady 20 orders/s;</li>
 * <li>start-up time.</li>
 * </ul>
 * Figures go to {@code target/benchmark/intake.{json,md}}; each intake ratio is to a baseline that takes
 * turns with that phase's orders in the same run.
 * Not a test: it measures and reports, and says which targets the run met.
 */
public final class IntakeBenchmark {

    private static final int CLIENTS = 8;
    private static final int MEASURED = Integer.parseInt(setting("benchmark.requests", "2000"));
    private static final int SUSTAINED = Integer.parseInt(setting("benchmark.sustained", "5000"));
    /** Requests before measuring, per kind: enough for the JIT to compile the hot paths of intake. */
    private static final int WARM_UP = Integer.parseInt(setting("benchmark.warm-up", "2000"));
    /** Turns each of baseline and intake take within a phase (see {@link #comparedWithBaseline}). */
    private static final int BLOCKS = 4;
    /**
     * Orders of each kind when two kinds of order are compared ({@link #turnsCompared}), and their turns: blocks
     * of 500 orders (a second or two) gave turn-by-turn ratios from 0.63 to 1.66 within one comparison, so a
     * comparison's figure needs longer blocks and more of them to say more than the host's moment.
     */
    private static final int COMPARED = 4 * MEASURED;

    private static final int COMPARED_TURNS = 8;
    /**
     * Student's t for a two-sided 95 % interval with {@code COMPARED_TURNS - 1} degrees of freedom: a
     * comparison's turn ratios scatter with the host (0.79 to 1.37 in one H2 run), so its figure comes with
     * the interval the turns allow, and a tie shows as one.
     */
    private static final double T_95_SEVEN_DEGREES = 2.365;
    /** Short lines of the line-cost comparison: a SKU of its own for each turn, so none grows past a block. */
    private static final int LINE_SKUS = COMPARED_TURNS;

    private static final String HEAP = "-Xmx512m";
    private static final String ADMIN_PASSWORD = "benchmark-admin-password";
    private static final Path OUT = Path.of("target", "benchmark");
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(CLIENTS))
            .build();

    public static void main(String[] args) {
        try {
            benchmark();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0); // the clients' and the embedded servers' threads are done; do not wait for them
    }

    private static void benchmark() throws Exception {
        Files.createDirectories(OUT);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put(
                "machine",
                Map.of(
                        "cores",
                        Runtime.getRuntime().availableProcessors(),
                        "memoryGiB",
                        Math.round(osMemoryBytes() / 1024.0 / 1024 / 1024)));
        report.put("heap", HEAP);
        report.put("clients", CLIENTS);
        List<String> databases =
                List.of(setting("benchmark.databases", "h2,postgres").split(","));
        for (String database : databases) {
            report.put(database, new IntakeBenchmark(database).run());
        }
        report.put("measuredAt", LocalDateTime.now().toString());
        new ObjectMapper()
                .enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(OUT.resolve("intake.json").toFile(), report);
        String markdown = markdown(report, databases);
        Files.writeString(OUT.resolve("intake.md"), markdown);
        System.out.println(markdown);
        System.out.println("Figures written to " + OUT.toAbsolutePath());
    }

    private final String database;
    private final Path data;
    private EmbeddedPostgres postgres;
    private String jdbcUrl;
    private BenchmarkPostgres.Profile profile = BenchmarkPostgres.Profile.OFF;
    private long profiledOrders;
    private GreenMail smtp;
    private ApplicationNode node;
    private String user;
    private String key;
    private final AtomicInteger orders = new AtomicInteger();

    private IntakeBenchmark(String database) throws IOException {
        this.database = database;
        this.data = Files.createTempDirectory("benchmark-" + database);
    }

    private Map<String, Object> run() throws Exception {
        Map<String, Object> figures = new LinkedHashMap<>();
        smtp = new PromptSmtp();
        smtp.start();
        try {
            prepareDatabase();
            // the first start creates the schema; the catalog and the waiting lines are written with the node down
            startNode().close();
            withDatabase(this::catalog);
            long starting = System.nanoTime();
            startNode();
            figures.put("startUpSeconds", round((System.nanoTime() - starting) / 1e9));
            figures.put("databaseVersion", databaseVersion());
            setUpUsersAndBaseline();

            System.out.printf("%s: warming up%n", database);
            measure("warm-up baseline", WARM_UP, n -> baselineStart());
            measure("warm-up intake", WARM_UP, n -> order("WARM", 1));

            // The machine's speed drifts over minutes (a shared host): each intake phase takes turns with a
            // baseline of its own (comparedWithBaseline), and the table's baseline is their mean.
            List<Double> baselines = new ArrayList<>();
            // with -Dbenchmark.statements=true on embedded PostgreSQL: the statements of the intake phases
            profile = postgres == null
                    ? BenchmarkPostgres.Profile.OFF
                    : BenchmarkPostgres.Profile.start(new JdbcTemplate(postgres.getPostgresDatabase()));
            for (int waiting : new int[] {0, 10_000, 50_000}) {
                if (phase("hot" + waiting)) {
                    figures.put(
                            "intakeHot" + waiting,
                            comparedWithBaseline(
                                    baselines, "intake, " + waiting + " waiting", n -> order("HOT" + waiting, 1)));
                }
            }
            if (phase("spread")) {
                figures.put(
                        "intakeSpread",
                        comparedWithBaseline(baselines, "intake, 1,000 SKUs", n -> order("SPREAD" + (n % 1_000), 1)));
            }
            settle(); // the last block's starts and notices belong to its orders (and to its profile)
            profile.write(OUT.resolve("intake-statements.md"), "order", profiledOrders);
            if (phase("line")) {
                figures.put("lineCost", lineCost());
            }
            if (phase("spreadhot")) {
                figures.put("spreadAgainstHot", spreadAgainstHot());
            }
            figures.put(
                    "baseline",
                    Map.of(
                            "perSecond",
                            round(baselines.stream()
                                    .mapToDouble(d -> d)
                                    .average()
                                    .orElse(0)),
                            "measured",
                            baselines));
            if (phase("sustained")) {
                settle();
                figures.put("sustained", sustained());
            }
            if (phase("notice")) {
                settle();
                figures.put("orderToNotice", orderToNotice());
            }
        } finally {
            if (node != null) {
                node.close();
            }
            smtp.stop();
            if (postgres != null) {
                postgres.close();
            }
            // the H2 file of a run takes gigabytes: print its size, then free the disk
            Path file = data.resolve("backorder.mv.db");
            if (Files.exists(file)) {
                figures.put("h2FileMegabytes", Files.size(file) / 1024 / 1024);
                System.out.printf("%s: the database file is %d MB%n", database, Files.size(file) / 1024 / 1024);
            }
            FileSystemUtils.deleteRecursively(data);
        }
        return figures;
    }

    // -- phases ----------------------------------------------------------------------------------------

    /** A -D option; blank counts as not given (Maven passes every option, given or not). */
    private static String setting(String name, String otherwise) {
        String value = System.getProperty(name);
        return value == null || value.isBlank() ? otherwise : value;
    }

    /** All phases run unless {@code -Dbenchmark.phases=hot0,spread,...} names some (to measure a change quickly). */
    private static boolean phase(String name) {
        String only = setting("benchmark.phases", null);
        return only == null || List.of(only.split(",")).contains(name);
    }

    /**
     * Waits until the case starts and the jobs the previous phase left (notices) are done, so that each
     * phase is measured on an idle engine and pays for nothing but itself; how long that took is printed.
     */
    private void settle() throws Exception {
        if (setting("benchmark.args", "").contains("job-execution.enabled=false")) {
            return;
        }
        long started = System.nanoTime();
        long deadline = started + TimeUnit.MINUTES.toNanos(10);
        while (true) {
            String count = node.send("GET", "/engine-rest/job/count?executable=true", null, "admin", ADMIN_PASSWORD)
                    .body();
            if (new ObjectMapper().readTree(count).path("count").asLong() == 0 && queuedStarts() == 0) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("jobs still pending after 10 minutes: " + count);
            }
            Thread.sleep(200); // a benchmark pacing itself, not a test
        }
        System.out.printf(Locale.ROOT, "%s: jobs settled in %.1f s%n", database, (System.nanoTime() - started) / 1e9);
    }

    /** Cases answered whose process the node has yet to start (intake queues the starts after the answer). */
    private long queuedStarts() throws Exception {
        HttpResponse<String> metrics = HTTP.send(
                HttpRequest.newBuilder(node.uri("/actuator/prometheus"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", basic("admin", ADMIN_PASSWORD))
                        .header("Accept", "text/plain")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return metrics.body()
                .lines()
                .filter(line -> line.startsWith("backorder_intake_starts_queued "))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.indexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no backorder_intake_starts_queued in the metrics: "
                        + metrics.statusCode() + " "
                        + metrics.body()
                                .substring(0, Math.min(300, metrics.body().length()))));
    }

    /**
     * An intake phase and the baseline it is compared with, in blocks that take turns (baseline, intake,
     * intake, baseline, ...), each on a settled engine: the host's speed drifts within minutes (a baseline of
     * 217/s before one phase and 483/s before another of the same run), and taking turns lets a drift weigh
     * on both sides alike instead of on whichever came second.
     */
    private Map<String, Object> comparedWithBaseline(
            List<Double> baselines, String name, IntFunction<HttpRequest> order) throws Exception {
        Sample baseline = new Sample();
        Sample intake = new Sample();
        takeTurns(baseline, n -> baselineStart(), intake, order, MEASURED, BLOCKS, profile);
        profiledOrders += MEASURED;
        double baselinePerSecond = (double) baseline.figures("baseline").get("perSecond");
        baselines.add(baselinePerSecond);
        Map<String, Object> figures = intake.figures(name);
        figures.put("baselinePerSecond", baselinePerSecond);
        figures.put("ratioToBaseline", round((double) figures.get("perSecond") / baselinePerSecond));
        System.out.printf(Locale.ROOT, "%s %s: %.2f of the baseline%n", database, name, figures.get("ratioToBaseline"));
        return figures;
    }

    /**
     * {@code count} requests of each of two kinds in {@code turns} blocks that take turns (a b, b a, b a, a b),
     * each block on a settled engine; {@code second} is numbered across its blocks. The statement profile
     * leaves out the first kind's blocks (the baseline's): it holds the second's, and the jobs they left, which
     * run while the next block waits for a settled engine.
     */
    private void takeTurns(
            Sample a,
            IntFunction<HttpRequest> first,
            Sample b,
            IntFunction<HttpRequest> second,
            int count,
            int turns,
            BenchmarkPostgres.Profile leavingOutFirst)
            throws Exception {
        int block = count / turns;
        for (int turn = 0; turn < turns; turn++) {
            int numbered = turn * block;
            boolean aFirst = turn % 4 == 0 || turn % 4 == 3;
            for (boolean aTurn : new boolean[] {aFirst, !aFirst}) {
                settle();
                if (aTurn) {
                    leavingOutFirst.exclude(() -> a.add(block, n -> first.apply(numbered + n)));
                } else {
                    b.add(block, n -> second.apply(numbered + n));
                }
            }
        }
    }

    /**
     * What the waiting line's length costs an order, apart from the host's drift: orders on a SKU nobody waits
     * for yet and on the SKU with 50,000 waiting take turns in one phase, on one database, and the cost per
     * order of the long line is given as a ratio to the short one's (the target is at most 1.2).
     */
    private Map<String, Object> lineCost() throws Exception {
        return turnsCompared(
                "line from 0 waiting",
                n -> order("LINE" + n / (COMPARED / COMPARED_TURNS), 1),
                "50,000 waiting",
                n -> order("HOT50000", 1));
    }

    /**
     * Short lines spread over 1,000 SKUs against the hot SKU with 50,000 waiting, taking turns the same way:
     * a cost ratio at most 1 means spreading costs an order no more than the hot SKU's lock does.
     */
    private Map<String, Object> spreadAgainstHot() throws Exception {
        return turnsCompared(
                "hot SKU, 50,000 waiting",
                n -> order("HOT50000", 1),
                "1,000 SKUs",
                n -> order("SPREAD" + (n % 1_000), 1));
    }

    /** Two kinds of order taking turns; the cost ratio is the second's cost per order to the first's. */
    private Map<String, Object> turnsCompared(
            String firstName, IntFunction<HttpRequest> first, String secondName, IntFunction<HttpRequest> second)
            throws Exception {
        Sample a = new Sample();
        Sample b = new Sample();
        takeTurns(a, first, b, second, COMPARED, COMPARED_TURNS, BenchmarkPostgres.Profile.OFF);
        double aPerSecond = (double) a.figures("intake, " + firstName).get("perSecond");
        double bPerSecond = (double) b.figures("intake, " + secondName).get("perSecond");
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("ordersEach", a.requests);
        figures.put("first", firstName);
        figures.put("firstPerSecond", aPerSecond);
        figures.put("second", secondName);
        figures.put("secondPerSecond", bPerSecond);
        figures.put("costRatio", round(aPerSecond / bPerSecond));
        // each turn's own ratio: how far the host's drift moves one comparison, next to the figure itself
        List<Double> turns = new ArrayList<>();
        for (int turn = 0; turn < a.runsPerSecond.size(); turn++) {
            turns.add(a.runsPerSecond.get(turn) / b.runsPerSecond.get(turn));
        }
        figures.put(
                "costRatioByTurn", turns.stream().map(IntakeBenchmark::round).toList());
        figures.putAll(interval(turns));
        System.out.println(comparison(database, figures));
        return figures;
    }

    /**
     * The turns' geometric mean ratio and its 95 % interval (the mean of the logarithms, Student's t): each
     * turn pairs two blocks run one after the other, so the turns are the comparison's independent samples.
     */
    private static Map<String, Object> interval(List<Double> turns) {
        if (turns.size() != COMPARED_TURNS) {
            throw new IllegalStateException("the t value is for " + COMPARED_TURNS + " turns, not " + turns.size());
        }
        double[] logs = turns.stream().mapToDouble(Math::log).toArray();
        double mean = Arrays.stream(logs).average().orElseThrow();
        double variance = Arrays.stream(logs).map(l -> (l - mean) * (l - mean)).sum() / (logs.length - 1);
        double half = T_95_SEVEN_DEGREES * Math.sqrt(variance / logs.length);
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("costRatioOfTurns", round(Math.exp(mean)));
        figures.put("costRatioOfTurns95Low", round(Math.exp(mean - half)));
        figures.put("costRatioOfTurns95High", round(Math.exp(mean + half)));
        return figures;
    }

    /** One comparison of {@link #turnsCompared} in a sentence, for the console and the report alike. */
    private static String comparison(String database, Map<String, Object> c) {
        return String.format(
                Locale.ROOT,
                "%s: cost per order, %s against %s: %.2f (taking turns, %,d orders each; %.0f against %.0f orders/s;"
                        + " turn by turn %s; their geometric mean %.2f, 95 %% interval %.2f to %.2f)",
                database,
                c.get("second"),
                c.get("first"),
                c.get("costRatio"),
                (int) c.get("ordersEach"),
                c.get("secondPerSecond"),
                c.get("firstPerSecond"),
                ((List<?>) c.get("costRatioByTurn"))
                        .stream()
                                .map(r -> String.format(Locale.ROOT, "%.2f", r))
                                .collect(Collectors.joining(", ")),
                c.get("costRatioOfTurns"),
                c.get("costRatioOfTurns95Low"),
                c.get("costRatioOfTurns95High"));
    }

    /** {@code count} requests by {@link #CLIENTS} clients as fast as they are answered. */
    private Map<String, Object> measure(String name, int count, IntFunction<HttpRequest> request) throws Exception {
        Sample sample = new Sample();
        sample.add(count, request);
        return sample.figures(name);
    }

    /** Requests sent in one or more runs, and the time those runs took together. */
    private final class Sample {

        private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        private int requests;
        private long nanos;
        /** Orders per second of each run, in the order run: a comparison's turns, one by one. */
        private final List<Double> runsPerSecond = new ArrayList<>();

        /** {@code count} requests by {@link #CLIENTS} clients as fast as they are answered. */
        void add(int count, IntFunction<HttpRequest> request) throws Exception {
            AtomicInteger next = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            long started = System.nanoTime();
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                        long sent = System.nanoTime();
                        HttpResponse<String> response =
                                HTTP.send(request.apply(n), HttpResponse.BodyHandlers.ofString());
                        latencies.add(System.nanoTime() - sent);
                        statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger())
                                .incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
            long took = System.nanoTime() - started;
            nanos += took;
            runsPerSecond.add(count / (took / 1e9));
            requests += count;
            clients.shutdown();
        }

        Map<String, Object> figures(String name) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("requests", requests);
            result.put("perSecond", round(requests / (nanos / 1e9)));
            result.put("p50Ms", percentileMs(latencies, 0.50));
            result.put("p99Ms", percentileMs(latencies, 0.99));
            result.put("statuses", statuses);
            System.out.printf(
                    Locale.ROOT,
                    "%s %s: %.1f/s, p50 %.0f ms, p99 %.0f ms, %s%n",
                    database,
                    name,
                    result.get("perSecond"),
                    result.get("p50Ms"),
                    result.get("p99Ms"),
                    statuses);
            return result;
        }
    }

    /** 5,000 orders as fast as intake takes them; the run ends when every case waits with its notice sent. */
    private Map<String, Object> sustained() throws Exception {
        int sentBefore = smtp.getReceivedMessages().length;
        long started = System.nanoTime();
        Map<String, Object> intake = measure("sustained intake", SUSTAINED, n -> order("SPREAD" + (n % 1_000), 1));
        double intakeSeconds = (System.nanoTime() - started) / 1e9;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (smtp.getReceivedMessages().length - sentBefore < SUSTAINED) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("notices not sent within 10 minutes: "
                        + (smtp.getReceivedMessages().length - sentBefore) + " of " + SUSTAINED);
            }
            Thread.sleep(100); // a benchmark pacing itself, not a test
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("orders", SUSTAINED);
        result.put("intakePerSecond", intake.get("perSecond"));
        result.put("secondsUntilLastNotice", round(seconds));
        result.put("perSecond", round(SUSTAINED / seconds));
        result.put("intakeSeconds", round(intakeSeconds));
        System.out.printf(
                Locale.ROOT,
                "%s sustained: %d orders, every notice accepted after %.1f s: %.1f orders/s%n",
                database,
                SUSTAINED,
                seconds,
                SUSTAINED / seconds);
        return result;
    }

    /** A steady 20 orders/s for 30 s; for each, the time until its notice is accepted by the SMTP server. */
    private Map<String, Object> orderToNotice() throws Exception {
        Map<String, Long> placedAt = new ConcurrentHashMap<>();
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        int total = 600;
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        int seen = smtp.getReceivedMessages().length;
        long started = System.nanoTime();
        List<Future<?>> placing = new ArrayList<>();
        for (int n = 0; n < total; n++) {
            long at = started + n * 50_000_000L;
            int number = n;
            placing.add(clients.submit(() -> {
                long wait = at - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
                String email = "steady-" + number + "@example.com";
                placedAt.put(email, System.nanoTime());
                HTTP.send(orderTo("SPREAD" + (number % 1_000), email), HttpResponse.BodyHandlers.discarding());
                return null;
            }));
        }
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (latencies.size() < total && System.nanoTime() < deadline) {
            MimeMessage[] received = smtp.getReceivedMessages();
            long now = System.nanoTime();
            for (int i = seen; i < received.length; i++) {
                String to = received[i].getAllRecipients()[0].toString();
                Long placed = placedAt.get(to);
                if (placed != null) {
                    latencies.add(now - placed);
                }
            }
            seen = received.length;
            Thread.sleep(10); // polling the SMTP server's inbox: the figure is accurate to about 10 ms
        }
        for (Future<?> f : placing) {
            f.get();
        }
        clients.shutdown();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("ordersPerSecond", 20);
        result.put("orders", total);
        result.put("noticesMeasured", latencies.size());
        result.put("p50Ms", percentileMs(latencies, 0.50));
        result.put("p95Ms", percentileMs(latencies, 0.95));
        System.out.printf(
                Locale.ROOT,
                "%s order to notice at 20/s: p50 %.0f ms, p95 %.0f ms (%d notices)%n",
                database,
                result.get("p50Ms"),
                result.get("p95Ms"),
                latencies.size());
        return result;
    }

    // -- requests --------------------------------------------------------------------------------------

    private HttpRequest baselineStart() {
        return post("/engine-rest/process-definition/key/benchmarkBaseline/start", "{}", "admin", ADMIN_PASSWORD);
    }

    private HttpRequest order(String shortSku, int quantity) {
        return orderTo(shortSku, "bench@example.com");
    }

    private HttpRequest orderTo(String shortSku, String email) {
        String orderId = "B-" + database + "-" + orders.incrementAndGet();
        return post("/api/orders", """
                {"orderId":"%s","customer":{"id":"C-%1$s","name":"Benchmark Customer","email":"%s","tier":"STANDARD"},
                 "lines":[{"lineId":"1","sku":"BENCH-STOCK","quantity":1},{"lineId":"2","sku":"%s","quantity":1}]}""".formatted(orderId, email, shortSku), user, key);
    }

    private static String basic(String who, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((who + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private HttpRequest post(String path, String json, String who, String secret) {
        return HttpRequest.newBuilder(node.uri(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", basic(who, secret))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
    }

    // -- set-up ----------------------------------------------------------------------------------------

    private void prepareDatabase() throws IOException {
        if (database.equals("postgres")) {
            String given = setting("benchmark.postgres.url", null);
            if (given != null) {
                jdbcUrl = given;
            } else {
                postgres = BenchmarkPostgres.start();
                jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
            }
        }
    }

    private ApplicationNode startNode() throws IOException {
        List<String> arguments = new ArrayList<>(
                database.equals("h2")
                        ? List.of("--spring.profiles.active=demo", "--backorder.data-folder=" + data)
                        : List.of(
                                "--spring.profiles.active=postgres",
                                "--spring.datasource.url=" + jdbcUrl,
                                "--spring.datasource.username=" + setting("benchmark.postgres.user", "postgres"),
                                "--spring.datasource.password=" + setting("benchmark.postgres.password", "")));
        for (String extra : setting("benchmark.args", "").split(" ")) {
            if (!extra.isBlank()) {
                arguments.add(extra);
            }
        }
        arguments.addAll(List.of(
                "--camunda.bpm.admin-user.password=" + ADMIN_PASSWORD,
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port="
                        + SlowLink.to(
                                smtp.getSmtp().getPort(),
                                Long.parseLong(setting("benchmark.smtp.reply-delay-ms", "0"))),
                "--spring.main.banner-mode=off",
                "--logging.level.root=warn",
                "--backorder.security.failed-logins-per-minute=100000"));
        node = ApplicationNode.start("benchmark-" + database, OUT, List.of(HEAP, "-XX:+UseParallelGC"), arguments)
                .awaitReady(Duration.ofMinutes(3));
        return node;
    }

    private void setUpUsersAndBaseline() throws Exception {
        if (database.equals("h2")) {
            user = "shop";
            key = "demo";
        } else {
            node.send("POST", "/engine-rest/user/create", """
                    {"profile": {"id": "bench", "firstName": "B", "lastName": "B", "email": "bench@example.com"},
                     "credentials": {"password": "bench-password-not-used"}}""", "admin", ADMIN_PASSWORD);
            node.send("PUT", "/engine-rest/group/ordersystems/members/bench", null, "admin", ADMIN_PASSWORD);
            HttpResponse<String> issued =
                    node.send("POST", "/api/admin/api-keys", "{\"userId\": \"bench\"}", "admin", ADMIN_PASSWORD);
            user = "bench";
            key = new ObjectMapper().readTree(issued.body()).path("key").asText();
        }
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                    targetNamespace="benchmark">
                  <process id="benchmarkBaseline" isExecutable="true" camunda:historyTimeToLive="P1D">
                    <startEvent id="StartEvent_B"/>
                    <sequenceFlow id="Flow_1" sourceRef="StartEvent_B" targetRef="UserTask_B"/>
                    <userTask id="UserTask_B" name="Baseline task"/>
                  </process>
                </definitions>""";
        String boundary = "benchmark-boundary";
        String body = "--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nbaseline\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"baseline.bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
        HttpResponse<String> deployed = HTTP.send(
                HttpRequest.newBuilder(node.uri("/engine-rest/deployment/create"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString(
                                                        ("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (deployed.statusCode() != 200) {
            throw new IllegalStateException("baseline not deployed: " + deployed.body());
        }
    }

    /**
     * Products, supply, and the waiting lines of the hot SKUs (rows as intake writes them). The supply is
     * due in 10 days: by the offer policy a standard customer then gets a discount without a review, so
     * every case goes on to its notice.
     */
    private void catalog(JdbcTemplate jdbc) {
        jdbc.update(
                "insert into supplier (supplier_id, name, lead_time_days) values ('BENCH-SUP', 'Benchmark supplier', 20)");
        jdbc.update("""
                insert into product (sku, name, category, unit_price, supplier_id, on_hand, backorder_cap)
                values ('BENCH-STOCK', 'In stock', 'bench-stock', 5.00, 'BENCH-SUP', 10000000, null)""");
        List<String> shortSkus = new ArrayList<>(List.of("WARM", "HOT0", "HOT10000", "HOT50000"));
        for (int i = 0; i < LINE_SKUS; i++) {
            shortSkus.add("LINE" + i);
        }
        for (int i = 0; i < 1_000; i++) {
            shortSkus.add("SPREAD" + i);
        }
        for (String sku : shortSkus) {
            jdbc.update("""
                    insert into product (sku, name, category, unit_price, supplier_id, on_hand, backorder_cap)
                    values (?, ?, ?, 12.50, 'BENCH-SUP', 0, null)""", sku, "Short " + sku, sku);
            jdbc.update(
                    """
                    insert into purchase_order (purchase_order_id, sku, supplier_id, quantity, expected_date, status, created_at,
                    updated_at) values (?, ?, 'BENCH-SUP', 10000000, ?, 'OPEN', ?, ?)""",
                    "PO-" + sku,
                    sku,
                    Date.valueOf(LocalDate.now().plusDays(10)),
                    Timestamp.valueOf(LocalDateTime.now()),
                    Timestamp.valueOf(LocalDateTime.now()));
        }
        waitingLine(jdbc, "HOT10000", 10_000);
        waitingLine(jdbc, "HOT50000", 50_000);
    }

    /**
     * Cases already waiting on a SKU, as intake leaves them in our tables (the line's rows are what intake reads);
     * they name a process instance, or the application would start one for each, taking them for unstarted.
     */
    private static void waitingLine(JdbcTemplate jdbc, String sku, int waiting) {
        LocalDateTime base = LocalDateTime.now().minusDays(2);
        List<Object[]> cases = new ArrayList<>();
        List<Object[]> demand = new ArrayList<>();
        for (int i = 0; i < waiting; i++) {
            String caseId = sku + "-W" + i + "-1";
            Timestamp at = Timestamp.valueOf(base.plusNanos(i * 1_000_000L));
            cases.add(new Object[] {caseId, sku + "-W" + i, sku, at});
            demand.add(new Object[] {caseId, sku, at, at.getTime()});
        }
        jdbc.batchUpdate("""
                insert into backorder_case (case_id, order_id, line_id, sku, quantity_ordered, quantity_short, unit_price,
                customer_id, customer_name, customer_email, customer_tier, customer_language, customer_time_zone, status,
                opened_at, priority, ship_complete, process_instance_id) values (?, ?, '1', ?, 1, 1, 12.50, 'C', 'Customer',
                'c@example.com', 'STANDARD', 'en', 'UTC', 'OPEN', ?, 0, false, 'benchmark')""", cases);
        jdbc.batchUpdate("""
                insert into backorder_demand (case_id, sku, quantity_short, quantity_allocated, ordered_at, status, queue_rank,
                ship_complete) values (?, ?, 1, 0, ?, 'WAITING', ?, false)""", demand);
        jdbc.update("update product set waiting_units = waiting_units + ? where sku = ?", waiting, sku);
    }

    private void withDatabase(Consumer<JdbcTemplate> work) {
        SingleConnectionDataSource connection = database.equals("h2")
                ? new SingleConnectionDataSource("jdbc:h2:file:" + data.resolve("backorder"), "sa", "", true)
                : new SingleConnectionDataSource(
                        jdbcUrl,
                        setting("benchmark.postgres.user", "postgres"),
                        setting("benchmark.postgres.password", ""),
                        true);
        try {
            work.accept(new JdbcTemplate(connection));
        } finally {
            connection.destroy();
        }
    }

    private String databaseVersion() {
        return database.equals("h2") ? "H2 (file)" : "PostgreSQL";
    }

    // -- report ----------------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static String markdown(Map<String, Object> report, List<String> databases) {
        StringBuilder md = new StringBuilder();
        md.append(
                "| database | baseline starts/s | intake orders/s (0 / 10k / 50k waiting) | ratio to baseline | "
                        + "1,000 SKUs orders/s | intake p50 / p99 ms (0 waiting) | sustained orders/s | order to notice p50 / p95 ms | start-up s |\n");
        md.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (String database : databases) {
            Map<String, Object> f = (Map<String, Object>) report.get(database);
            if (!f.keySet()
                    .containsAll(List.of(
                            "intakeHot0",
                            "intakeHot10000",
                            "intakeHot50000",
                            "intakeSpread",
                            "sustained",
                            "orderToNotice"))) {
                md.append("| ").append(database).append(" | (a partial run: see intake.json) |\n");
                continue;
            }
            Map<String, Object> hot0 = (Map<String, Object>) f.get("intakeHot0");
            Map<String, Object> hot10 = (Map<String, Object>) f.get("intakeHot10000");
            Map<String, Object> hot50 = (Map<String, Object>) f.get("intakeHot50000");
            md.append(String.format(
                    Locale.ROOT,
                    "| %s | %.0f | %.0f / %.0f / %.0f | %.2f / %.2f / %.2f | %.0f | %.0f / %.0f | %.1f | %.0f / %.0f | %.1f |%n",
                    database,
                    ((Map<String, Object>) f.get("baseline")).get("perSecond"),
                    hot0.get("perSecond"),
                    hot10.get("perSecond"),
                    hot50.get("perSecond"),
                    hot0.get("ratioToBaseline"),
                    hot10.get("ratioToBaseline"),
                    hot50.get("ratioToBaseline"),
                    ((Map<String, Object>) f.get("intakeSpread")).get("perSecond"),
                    hot0.get("p50Ms"),
                    hot0.get("p99Ms"),
                    ((Map<String, Object>) f.get("sustained")).get("perSecond"),
                    ((Map<String, Object>) f.get("orderToNotice")).get("p50Ms"),
                    ((Map<String, Object>) f.get("orderToNotice")).get("p95Ms"),
                    f.get("startUpSeconds")));
        }
        for (String database : databases) {
            Map<String, Object> f = (Map<String, Object>) report.get(database);
            for (String comparison : List.of("lineCost", "spreadAgainstHot")) {
                Map<String, Object> c = (Map<String, Object>) f.get(comparison);
                if (c != null) {
                    md.append(System.lineSeparator()).append(comparison(database, c));
                }
            }
        }
        md.append(String.format(
                Locale.ROOT,
                "%n%n%s cores, %s GiB; application heap %s; %d keep-alive clients on loopback.%n",
                ((Map<String, Object>) report.get("machine")).get("cores"),
                ((Map<String, Object>) report.get("machine")).get("memoryGiB"),
                report.get("heap"),
                CLIENTS));
        return md.toString();
    }

    private static double percentileMs(List<Long> nanos, double percentile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            return -1;
        }
        return round(sorted.get((int) Math.min(sorted.size() - 1, Math.floor(percentile * sorted.size()))) / 1e6);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    private static long osMemoryBytes() {
        return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getTotalMemorySize();
    }
}
