package io.backorderengine.insight;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

import com.fasterxml.jackson.databind.JsonNode;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import io.backorderengine.support.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Forecast and reorder report over eight known weeks of orders, against figures worked out by hand
 * (the series is {@link CrostonTests#WEEKS}: forecast 1.3682 a week, backtest MAE 1.4858).
 */
class ForecastTests extends ApplicationTest {

    @Autowired
    JdbcClient jdbc;

    String supplier;
    String risky;
    String stocked;
    String quiet;
    LocalDate firstMonday;

    @BeforeEach
    void eightWeeksOfOrders() {
        supplier = catalog.supplier(14);
        risky = product(1, 1);
        stocked = product(100, 0);
        // a case waits for it, yet its stock covers it and nobody else orders it
        quiet = product(3, 1);
        firstMonday = catalog.today()
                .with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))
                .minusWeeks(8);
        for (int week = 0; week < CrostonTests.WEEKS.length; week++) {
            long units = CrostonTests.WEEKS[week];
            if (units > 0) {
                // a week's demand in two orders; the backordered one counts as much as the reserved one
                ordered(risky, week, (int) units - 1, true);
                ordered(risky, week, 1, false);
                ordered(stocked, week, (int) units, true);
            }
        }
        // this week is not over: it is no part of the history
        ordered(risky, 8, 50, true);
        jdbc.sql("""
                        insert into purchase_order (purchase_order_id, sku, supplier_id, quantity, quantity_received,
                            expected_date, first_expected_date, status, created_at, updated_at)
                        values (?, ?, ?, 5, 3, ?, ?, 'OPEN', ?, ?)""")
                .params(
                        Catalog.unique("PO"),
                        risky,
                        supplier,
                        catalog.today().plusDays(5),
                        catalog.today().plusDays(5),
                        catalog.today().atStartOfDay(),
                        catalog.today().atStartOfDay())
                .update();
    }

    @Test
    void theForecastOfAnIntermittentSku() {
        JsonNode forecast = api.as(TestUsers.ANALYST)
                .get("/api/insights/forecast?weeks=8&sku=" + risky)
                .body();

        assertThat(forecast.path("method").asText()).isEqualTo("Croston-SBA, alpha 0.1, weekly");
        assertThat(forecast.path("firstWeek").asText()).isEqualTo(firstMonday.toString());
        JsonNode sku = forecast.path("skus").get(0);
        assertThat(sku.path("weeklyDemand").toString()).isEqualTo("[0,3,0,0,2,0,4,0]");
        assertThat(sku.path("weeklyForecast").asDouble()).isEqualTo(1.3682);
        assertThat(sku.path("backtest").toString())
                .isEqualTo("{\"weeks\":4,\"meanAbsoluteError\":1.4858,\"bias\":-0.1458,"
                        + "\"naiveMeanAbsoluteError\":3.0}");
    }

    @Test
    void theReorderReportRanksBySlackAndSuggestsAnOrder() {
        JsonNode items = api.as(TestUsers.SUPERVISOR)
                .get("/api/insights/reorder?weeks=8&supplierId=" + supplier)
                .body()
                .path("items");

        assertThat(items).hasSize(3);
        JsonNode third = items.get(2);
        assertThat(third.path("sku").asText()).as("no stock-out in sight: last").isEqualTo(quiet);
        assertThat(third.path("position").asLong()).isEqualTo(2);
        assertThat(third.path("daysOfCover").isNull()).isTrue();
        assertThat(third.path("slackDays").isNull()).isTrue();
        assertThat(third.path("suggestedQuantity").asLong()).isZero();
        assertThat(third.path("suggestedOrderDate").isNull()).isTrue();
        JsonNode first = items.get(0);
        // d = 1.3682 / 7 = 0.195457 a day; safety stock 1.65 × 1.25 × 1.4858 × √(14/7) = 4.33;
        // s = 14 d + 4.3338 = 7.07; S = 21 d + 4.3338 = 8.44
        assertThat(first.path("sku").asText()).isEqualTo(risky);
        assertThat(first.path("leadTimeDays").asInt()).isEqualTo(14);
        assertThat(first.path("leadTimeBasis").asText()).isEqualTo("CONFIGURED");
        assertThat(first.path("safetyStock").asDouble()).isEqualTo(4.33);
        assertThat(first.path("reorderPoint").asDouble()).isEqualTo(7.07);
        assertThat(first.path("orderUpTo").asDouble()).isEqualTo(8.44);
        // position: 1 on hand + 2 still to come − 1 waiting = 2, below s: order ⌈8.44 − 2⌉ = 7 today
        assertThat(first.path("position").asLong()).isEqualTo(2);
        assertThat(first.path("suggestedQuantity").asLong()).isEqualTo(7);
        assertThat(first.path("suggestedOrderDate").asText())
                .isEqualTo(catalog.today().toString());
        // 2 / 0.195457 = 10.23 days of cover, 3.77 fewer than the lead time
        assertThat(first.path("daysOfCover").asDouble()).isEqualTo(10.23);
        assertThat(first.path("slackDays").asDouble()).isEqualTo(-3.77);
        assertThat(first.path("stockOutDate").asText())
                .isEqualTo(catalog.today().plusDays(10).toString());

        JsonNode second = items.get(1);
        // 100 on hand: 511.62 days of cover; order S − s = ⌈1.37⌉ = 2 when the position reaches s,
        // in ⌊(100 − 7.07) / 0.195457⌋ = 475 days
        assertThat(second.path("sku").asText()).isEqualTo(stocked);
        assertThat(second.path("slackDays").asDouble()).isEqualTo(497.62);
        assertThat(second.path("suggestedQuantity").asLong()).isEqualTo(2);
        assertThat(second.path("suggestedOrderDate").asText())
                .isEqualTo(catalog.today().plusDays(475).toString());
    }

    @Test
    void aHistoryOutsideItsBoundsIsRefused() {
        var tooShort = api.as(TestUsers.ANALYST).get("/api/insights/forecast?weeks=2");
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.body().toString()).contains("weeks").contains("between 4 and 156");
        assertThat(api.as(TestUsers.ANALYST)
                        .get("/api/insights/reorder?limit=0")
                        .status())
                .isEqualTo(400);
        assertThat(api.as(TestUsers.AGENT).get("/api/insights/reorder").status())
                .isEqualTo(403);
    }

    private String product(int onHand, int waitingUnits) {
        String sku = Catalog.unique("SKU");
        jdbc.sql("""
                        insert into product (sku, name, category, unit_price, supplier_id, on_hand, waiting_units)
                        values (?, 'Forecast fixture', ?, 12.00, ?, ?, ?)""")
                .params(sku, Catalog.unique("category"), supplier, onHand, waitingUnits)
                .update();
        return sku;
    }

    /** An order on the Wednesday of the week (0: eight weeks ago), its line reserved in full or backordered. */
    private void ordered(String sku, int week, int quantity, boolean reserved) {
        if (quantity == 0) {
            return;
        }
        String orderId = Catalog.unique("FC");
        jdbc.sql("""
                        insert into customer_order (order_id, request_hash, customer_id, customer_name, customer_email,
                                                    customer_tier, placed_at)
                        values (?, 'fixture', 'CUST-F', 'Kim Fixture', 'kim@example.com', 'STANDARD', ?)""")
                .params(orderId, firstMonday.plusWeeks(week).plusDays(2).atTime(11, 0))
                .update();
        jdbc.sql("""
                        insert into order_line (order_id, line_id, line_no, sku, quantity, quantity_reserved,
                                                quantity_backordered, unit_price, outcome)
                        values (?, '1', 1, ?, ?, ?, ?, 12.00, ?)""")
                .params(
                        orderId,
                        sku,
                        quantity,
                        reserved ? quantity : 0,
                        reserved ? 0 : quantity,
                        reserved ? "RESERVED" : "BACKORDERED")
                .update();
    }
}
