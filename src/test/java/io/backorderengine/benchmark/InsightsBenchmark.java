package io.backorderengine.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.backorderengine.BackorderEngineApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How long the insights take over {@value #CASES} cases on PostgreSQL: the application in this JVM on
 * embedded PostgreSQL, the tables filled with 100,000 cases of the last 90 days (orders, lines, promises,
 * offers, decisions, emails, tasks, and 5,000 delivered purchase orders), each report asked for over HTTP
 * as a client would, the median of {@value #RUNS} runs after {@value #WARM_UP} warm-up runs. The baseline,
 * measured in the same run, is a page of the case list ({@code GET /api/backorders?size=50}); the target
 * is under 1 s per report.
 *
 * <p>Run with {@code ./mvnw -Pbenchmark verify} (or its {@code insights-benchmark} execution alone;
 * {@code -Dbenchmark.postgres.url=...} for an empty database of another server); figures go to {@code target/benchmark/insights.{json,md}}. Not a test: it measures and reports.
 */
public final class InsightsBenchmark {

    static final int CASES = 100_000;
    static final int WARM_UP = 3;
    static final int RUNS = 7;
    static final double TARGET_MS = 1000;
    private static final String ADMIN_PASSWORD = "benchmark-admin-password";

    public static void main(String[] args) throws Exception {
        Path out = Path.of("target", "benchmark");
        Files.createDirectories(out);
        String url = System.getProperty("benchmark.postgres.url", "");
        try (EmbeddedPostgres postgres = url.isBlank() ? BenchmarkPostgres.start() : null;
                ConfigurableApplicationContext app = start(
                        url.isBlank() ? postgres.getJdbcUrl("postgres", "postgres") : url,
                        System.getProperty("benchmark.postgres.user", "postgres"),
                        System.getProperty("benchmark.postgres.password", ""))) {
            JdbcTemplate jdbc = app.getBean(JdbcTemplate.class);
            long loading = System.nanoTime();
            fill(jdbc);
            double loadSeconds = (System.nanoTime() - loading) / 1e9;
            System.out.printf(Locale.ROOT, "%,d cases loaded in %.1f s%n", CASES, loadSeconds);
            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            InsightsBenchmark benchmark = new InsightsBenchmark(port);
            LocalDate today = LocalDate.now();
            String window = "from=" + today.minusDays(89) + "&to=" + today;
            Map<String, String> reports = new LinkedHashMap<>();
            reports.put("baseline: case list page", "/api/backorders?size=50");
            reports.put("KPIs, total", "/api/insights?" + window);
            reports.put("KPIs by SKU", "/api/insights?groupBy=sku&" + window);
            reports.put("KPIs by category", "/api/insights?groupBy=category&" + window);
            reports.put("KPIs by supplier", "/api/insights?groupBy=supplier&" + window);
            reports.put("KPIs by tier", "/api/insights?groupBy=tier&" + window);
            reports.put("supplier truth", "/api/insights/suppliers?" + window);
            reports.put("forecast (26 weeks)", "/api/insights/forecast?weeks=26&limit=500");
            reports.put("reorder report", "/api/insights/reorder?weeks=26&limit=500");
            Map<String, Double> medians = new LinkedHashMap<>();
            // in turns, so the machine's drift spreads over every report
            Map<String, List<Double>> samples = new LinkedHashMap<>();
            reports.keySet().forEach(name -> samples.put(name, new ArrayList<>()));
            for (int run = 0; run < WARM_UP + RUNS; run++) {
                for (var report : reports.entrySet()) {
                    double ms = benchmark.time(report.getValue());
                    if (run >= WARM_UP) {
                        samples.get(report.getKey()).add(ms);
                    }
                }
            }
            samples.forEach((name, list) -> {
                list.sort(Double::compare);
                medians.put(name, list.get(list.size() / 2));
            });
            write(out, medians, reports, loadSeconds, jdbc.queryForObject("show server_version", String.class));
        }
        System.exit(0); // the engine's and pool's non-daemon threads are done; do not wait for them
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String auth;

    private InsightsBenchmark(int port) {
        this.port = port;
        this.auth = "Basic "
                + Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private double time(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", auth)
                .timeout(Duration.ofSeconds(60))
                .build();
        long start = System.nanoTime();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - start) / 1e6;
        if (response.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
        }
        return ms;
    }

    /** On embedded PostgreSQL, or on the (empty) database a given URL names. */
    private static ConfigurableApplicationContext start(String url, String user, String password) {
        return new SpringApplicationBuilder(BackorderEngineApplication.class)
                .profiles("postgres")
                .run(
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + user,
                        "--spring.datasource.password=" + password,
                        "--camunda.bpm.admin-user.password=" + ADMIN_PASSWORD,
                        "--server.port=0",
                        "--logging.level.root=warn",
                        "--spring.main.banner-mode=off",
                        // the fixture's cases have no processes: nothing may try to start or sweep them
                        "--backorder.messages.sweep-interval=PT1H");
    }

    /**
     * 100,000 cases over the last 90 days, written with PostgreSQL's generate_series: 1,000 SKUs in 50
     * categories from 20 suppliers; half the cases fulfilled, a tenth switched, a fifth cancelled, a fifth
     * open; one or two promises, offers for four in five, two emails each, open call tasks on a tenth.
     */
    private static void fill(JdbcTemplate jdbc) {
        int n = CASES;
        jdbc.execute("""
                insert into supplier (supplier_id, name, lead_time_days)
                select 'BS-' || g, 'Bench supplier ' || g, 5 + g % 20 from generate_series(1, 20) g""");
        jdbc.execute("""
                insert into product (sku, name, category, unit_price, supplier_id, on_hand, waiting_units)
                select 'BP-' || g, 'Bench product ' || g, 'bench-' || (g % 50), 10 + g % 90, 'BS-' || (1 + g % 20),
                       g % 7, g % 5
                from generate_series(1, 1000) g""");
        jdbc.execute("""
                insert into customer_order (order_id, request_hash, customer_id, customer_name, customer_email,
                                            customer_tier, placed_at)
                select 'BO-' || g, 'bench', 'BC-' || (g % 30000), 'Bench customer', 'bench' || (g % 30000) || '@example.com',
                       (array['STANDARD', 'SILVER', 'GOLD'])[1 + g % 3],
                       localtimestamp - (g % 90) * interval '1 day' - (g % 1440) * interval '1 minute'
                from generate_series(1, {n}) g""".replace("{n}", String.valueOf(n)));
        jdbc.execute("""
                insert into order_line (order_id, line_id, line_no, sku, quantity, quantity_reserved, quantity_backordered,
                                        unit_price, outcome, case_id)
                select 'BO-' || g, '1', 1, 'BP-' || (1 + g % 1000), 1 + g % 3, 0, 1 + g % 3, 20, 'BACKORDERED', 'BO-' || g || '-1'
                from generate_series(1, {n}) g""".replace("{n}", String.valueOf(n)));
        jdbc.execute("""
                insert into order_line (order_id, line_id, line_no, sku, quantity, quantity_reserved, quantity_backordered,
                                        unit_price, outcome)
                select 'BO-' || g, '2', 2, 'BP-' || (1 + (g * 7) % 1000), 2, 2, 0, 20, 'RESERVED'
                from generate_series(1, {n}, 2) g""".replace("{n}", String.valueOf(n)));
        jdbc.execute("""
                insert into backorder_case (case_id, order_id, line_id, sku, quantity_ordered, quantity_short, unit_price,
                    customer_id, customer_name, customer_email, customer_tier, status, process_instance_id, opened_at,
                    closed_at, close_reason, root_cause)
                select l.case_id, o.order_id, '1', l.sku, l.quantity, l.quantity, 20, o.customer_id, o.customer_name,
                       o.customer_email, o.customer_tier, s.status, 'bench', o.placed_at,
                       case when s.status <> 'OPEN' then o.placed_at + (g % 30) * interval '1 day' + interval '3 hours' end,
                       case when s.status = 'CANCELLED' then (array['Too long to wait', 'Found it elsewhere',
                           'No longer needed', 'Price'])[1 + g % 4] end,
                       case when s.status = 'CANCELLED' and g % 3 = 0 then 'SUPPLIER_SLIP'
                            when s.status = 'CANCELLED' and g % 3 = 1 then 'NO_SUPPLY_ORDERED' end
                from generate_series(1, {n}) g
                join customer_order o on o.order_id = 'BO-' || g
                join order_line l on l.order_id = o.order_id and l.line_id = '1'
                cross join lateral (select case when g % 10 < 5 then 'FULFILLED' when g % 10 = 5 then 'ALTERNATIVE_ACCEPTED'
                                                when g % 10 < 8 then 'CANCELLED' else 'OPEN' end as status) s""".replace("{n}", String.valueOf(n)));
        jdbc.execute("""
                insert into case_promise (case_id, expected_date, basis, purchase_order_id, promised_at)
                select c.case_id, cast(c.opened_at as date) + 5 + (g % 20),
                       case when g % 2 = 0 then 'PURCHASE_ORDER' else 'LEAD_TIME' end, null, c.opened_at
                from generate_series(1, {n}) g join backorder_case c on c.case_id = 'BO-' || g || '-1'""".replace("{n}", String.valueOf(n)));
        jdbc.execute("""
                insert into case_promise (case_id, expected_date, basis, purchase_order_id, promised_at)
                select c.case_id, cast(c.opened_at as date) + 9 + (g % 20), 'PURCHASE_ORDER', null, c.opened_at + interval '2 days'
                from generate_series(1, {n}, 3) g join backorder_case c on c.case_id = 'BO-' || g || '-1'""".replace("{n}", String.valueOf(n)));
        jdbc.execute("""
                insert into case_offer (case_id, discount_percent, review_required, offered_at)
                select 'BO-' || g || '-1', (g % 3) * 5, false, localtimestamp
                from generate_series(1, {n}) g where g % 5 <> 4""".replace("{n}", String.valueOf(n)));
        jdbc.execute("""
                insert into case_offer_alternative (offer_id, sku, name, unit_price)
                select o.offer_id, 'BP-' || (1 + (o.offer_id * 13) % 1000), 'Alternative', 21
                from case_offer o where o.offer_id % 4 = 0""");
        jdbc.execute("""
                insert into case_decision (case_id, decision, alternative_sku, reason, decided_by, decided_at, channel)
                select c.case_id,
                       case c.status when 'CANCELLED' then 'CANCEL' when 'ALTERNATIVE_ACCEPTED' then 'ALTERNATIVE' else 'WAIT' end,
                       null, null, 'customer', c.opened_at + interval '1 day', 'CUSTOMER_PAGE'
                from backorder_case c where c.process_instance_id = 'bench'
                and (c.status in ('CANCELLED', 'ALTERNATIVE_ACCEPTED') or c.opened_at < localtimestamp - interval '45 days')""");
        jdbc.execute("""
                insert into communication (message_key, message_id, case_id, order_id, recipient, subject, template,
                                           language, body_text, state, created_at)
                select 'bench-' || g || '-' || k, 'bench-' || g || '-' || k, 'BO-' || g || '-1', 'BO-' || g,
                       'bench@example.com', 'Your order', 'backorder-notice', 'en', 'Hello',
                       case when (g + k) % 50 = 0 then 'FAILED' else 'SENT' end, localtimestamp
                from generate_series(1, {n}) g cross join generate_series(1, 2) k""".replace("{n}", String.valueOf(n)));
        jdbc.execute("""
                insert into case_task (task_id, case_id, task_key, name, candidate_group, created_at, completed_at)
                select 'bench-task-' || g, 'BO-' || g || '-1', 'Task_ContactCustomer', 'Call the customer', 'agents',
                       localtimestamp, null
                from generate_series(8, {n}, 10) g""".replace("{n}", String.valueOf(n)));
        jdbc.execute("""
                insert into purchase_order (purchase_order_id, sku, supplier_id, quantity, quantity_received, expected_date,
                    first_expected_date, status, created_at, updated_at, received_at)
                select 'BPO-' || g, 'BP-' || (1 + g % 1000), 'BS-' || (1 + (1 + g % 1000) % 20), 50, 50,
                       current_date - (g % 80) + 10, current_date - (g % 80) + 10, 'CLOSED',
                       localtimestamp - (g % 80) * interval '1 day', localtimestamp,
                       localtimestamp - (g % 80) * interval '1 day' + (8 + g % 9) * interval '1 day'
                from generate_series(1, 5000) g""");
        // the facts the case rows keep as they happen (as migration V22 fills them in)
        jdbc.execute("""
                update backorder_case c set first_promised_date = f.expected_date
                from case_promise f where f.promise_id = (select min(p.promise_id) from case_promise p
                                                          where p.case_id = c.case_id)""");
        jdbc.execute("""
                update backorder_case c set offered = true, offered_discount = o.discount_percent > 0,
                       offered_alternative = exists (select 1 from case_offer_alternative a where a.offer_id = o.offer_id)
                from case_offer o where o.case_id = c.case_id""");
        jdbc.execute("""
                update backorder_case c set customer_waited = true
                from case_decision d where d.case_id = c.case_id and d.decision = 'WAIT'""");
        jdbc.execute("""
                update backorder_case c set emails_sent = m.sent
                from (select case_id, count(*) as sent from communication where state = 'SENT' group by case_id) m
                where m.case_id = c.case_id""");
        jdbc.execute("vacuum analyze");
    }

    private static void write(
            Path out, Map<String, Double> medians, Map<String, String> reports, double loadSeconds, String version)
            throws Exception {
        double baseline = medians.get("baseline: case list page");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("cases", CASES);
        json.put("postgres", version);
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("loadSeconds", Math.round(loadSeconds * 10) / 10.0);
        json.put("runs", RUNS);
        List<Map<String, Object>> rows = new ArrayList<>();
        StringBuilder md = new StringBuilder(
                """
                # Insights over %,d cases (PostgreSQL %s, %d cores)

                Median of %d runs after %d warm-up runs, over HTTP. Baseline: a page of the case list, same run.

                | report | ms (median) | ratio to baseline | ratio to the 1 s target |
                | --- | ---: | ---: | ---: |
                """.formatted(CASES, version, Runtime.getRuntime().availableProcessors(), RUNS, WARM_UP));
        medians.forEach((name, ms) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("report", name);
            row.put("path", reports.get(name));
            row.put("msMedian", Math.round(ms * 10) / 10.0);
            row.put("ratioToBaseline", Math.round(ms / baseline * 100) / 100.0);
            row.put("ratioToTarget", Math.round(ms / TARGET_MS * 100) / 100.0);
            rows.add(row);
            md.append(String.format(
                    Locale.ROOT, "| %s | %.0f | %.2f | %.2f |%n", name, ms, ms / baseline, ms / TARGET_MS));
            System.out.printf(
                    Locale.ROOT,
                    "%-26s %8.1f ms  (%.2f x baseline, %.2f x target)%n",
                    name,
                    ms,
                    ms / baseline,
                    ms / TARGET_MS);
        });
        json.put("reports", rows);
        Files.writeString(
                out.resolve("insights.json"),
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json));
        Files.writeString(out.resolve("insights.md"), md.toString());
    }
}
