package io.backorderengine.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.JsonNode;
import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import org.junit.jupiter.api.Test;

/** A shop loads and corrects its catalog through the API, as its own systems would, in bulk. */
class CatalogUploadTests extends ApplicationTest {

    @Test
    void tenThousandProductsAndTheirStockTakeLoadInOneCallEachAndAnUploadRepeatedChangesNothing() {
        String prefix = Catalog.unique("BULK");
        String supplier = prefix + "-SUP";
        assertThat(api.put("/api/inventory/suppliers", List.of(supplier(supplier, "Bulk Ltd", 7)))
                        .body()
                        .path("created")
                        .asInt())
                .isEqualTo(1);
        List<Map<String, Object>> products = IntStream.range(0, 10_000)
                .mapToObj(i -> product(prefix + "-" + i, "Bulk item " + i, "19.90", supplier))
                .toList();

        Api.Response first = api.put("/api/inventory/products", products);
        Api.Response again = api.put("/api/inventory/products", products);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().path("created").asInt()).isEqualTo(10_000);
        assertThat(first.body().path("items")).hasSize(10_000);
        assertThat(first.body().path("items").get(9_999).path("id").asText()).isEqualTo(prefix + "-9999");
        assertThat(again.body().path("unchanged").asInt()).isEqualTo(10_000);
        assertThat(again.body().path("created").asInt()
                        + again.body().path("updated").asInt())
                .isZero();
        assertThat(catalog.count("select count(*) from product where sku like ?", prefix + "-%"))
                .isEqualTo(10_000);
        JsonNode picture = api.get("/api/inventory/products/" + prefix + "-42").body();
        assertThat(picture.path("name").asText()).isEqualTo("Bulk item 42");
        assertThat(picture.path("unitPrice").decimalValue()).isEqualByComparingTo("19.90");
        assertThat(picture.path("leadTimeDays").asInt()).isEqualTo(7);
        assertThat(picture.path("onHand").asInt()).isZero();

        // and the stock take that follows a catalog load: ten thousand counts in one call
        List<Map<String, Object>> counts = IntStream.range(0, 10_000)
                .mapToObj(i -> Map.<String, Object>of(
                        "changeId", prefix + "-TAKE-" + i, "sku", prefix + "-" + i, "countedOnHand", i % 7))
                .toList();
        JsonNode counted = api.put("/api/inventory/stock-changes", counts).body();
        assertThat(counted.path("created").asInt()).isEqualTo(10_000);
        assertThat(api.get("/api/inventory/products/" + prefix + "-42")
                        .body()
                        .path("onHand")
                        .asInt())
                .isEqualTo(0);
        assertThat(api.get("/api/inventory/products/" + prefix + "-43")
                        .body()
                        .path("onHand")
                        .asInt())
                .isEqualTo(1);
    }

    @Test
    void badItemsAreAnsweredWithWhyAndWriteNothingWhileTheGoodOnesApply() {
        String prefix = Catalog.unique("MIX");
        String supplier = catalog.supplier(5);
        String existing = catalog.product("Lamp", "30.00", 4, 5);
        List<Object> items = new ArrayList<>();
        items.add(product(prefix + "-NEW", "New lamp", "12.50", supplier));
        items.add(product(prefix + "-NEG", "Negative", "-1.00", supplier));
        items.add(product(prefix + "-NOSUP", "No supplier", "5.00", "NO-SUCH-SUPPLIER"));
        items.add(product(prefix + "-NEW", "New lamp again", "13.00", supplier));
        Map<String, Object> renamed = product(existing, "Lamp, brass", "30.00", catalog.supplierOf(existing));
        items.add(renamed);
        Map<String, Object> dollars = product(prefix + "-USD", "Dollar lamp", "10.00", supplier);
        dollars.put("currency", "USD");
        items.add(dollars);
        items.add(null);
        Map<String, Object> script = product(prefix + "-XSS", "<script>alert(1)</script>\u202E", "1.00", supplier);
        items.add(script);

        Api.Response answer = api.put("/api/inventory/products", items);

        JsonNode body = answer.body();
        assertThat(answer.status()).isEqualTo(200);
        assertThat(outcomes(body))
                .containsExactly(
                        "CREATED", "REFUSED", "REFUSED", "REFUSED", "UPDATED", "REFUSED", "REFUSED", "REFUSED");
        assertThat(body.path("created").asInt()).isEqualTo(1);
        assertThat(body.path("updated").asInt()).isEqualTo(1);
        assertThat(body.path("refused").asInt()).isEqualTo(6);
        assertThat(problem(body, 1)).contains("unitPrice");
        assertThat(problem(body, 2)).contains("supplierId", "unknown supplier NO-SUCH-SUPPLIER");
        assertThat(problem(body, 3)).contains("sku", "appears more than once", "item 0");
        assertThat(problem(body, 5)).contains("currency", "EUR");
        assertThat(problem(body, 6)).contains("is empty");
        assertThat(problem(body, 7)).contains("name");
        // only the good items are stored, as sent first
        assertThat(catalog.count("select count(*) from product where sku like ?", prefix + "-%"))
                .isEqualTo(1);
        assertThat(api.get("/api/inventory/products/" + prefix + "-NEW")
                        .body()
                        .path("unitPrice")
                        .decimalValue())
                .isEqualByComparingTo("12.50");
        JsonNode lamp = api.get("/api/inventory/products/" + existing).body();
        assertThat(lamp.path("name").asText()).isEqualTo("Lamp, brass");
        assertThat(lamp.path("onHand").asInt())
                .as("the catalog does not touch stock")
                .isEqualTo(4);
    }

    @Test
    void anUploadThatIsNotAListOfItemsOrTooLongIsRefusedWhole() {
        String prefix = Catalog.unique("TOO");
        String supplier = catalog.supplier(5);
        List<Map<String, Object>> tooMany = IntStream.range(0, CatalogController.MAX_ITEMS + 1)
                .mapToObj(i -> product(prefix + "-" + i, "n", "1.00", supplier))
                .toList();

        Api.Response refused = api.put("/api/inventory/products", tooMany);
        Api.Response notAList = api.put("/api/inventory/products", Map.of("sku", prefix + "-1"));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.contentType()).contains("application/problem+json");
        assertThat(refused.body().path("detail").asText()).contains("at most 20,000");
        assertThat(notAList.status()).isEqualTo(400);
        assertThat(notAList.contentType()).contains("application/problem+json");
        assertThat(catalog.count("select count(*) from product where sku like ?", prefix + "-%"))
                .isZero();
    }

    @Test
    void substitutesAreAddedAndTakenAwayAndAlternativesFollow() {
        String item = catalog.product("Kettle", "40.00", 0, 10);
        String other = catalog.product("Travel kettle", "35.00", 5, 10);
        Map<String, Object> link = new HashMap<>(Map.of("sku", item, "substituteSku", other));
        Map<String, Object> self = Map.of("sku", item, "substituteSku", item);
        Map<String, Object> unknown = Map.of("sku", item, "substituteSku", "NO-SUCH-SKU");

        JsonNode added = api.put("/api/inventory/substitutes", List.of(link, self, unknown))
                .body();
        JsonNode again = api.put("/api/inventory/substitutes", List.of(link)).body();
        String caseWithAlternative = placedCase("SUB", "STANDARD", item, 1);
        link.put("remove", true);
        JsonNode removed = api.put("/api/inventory/substitutes", List.of(link)).body();

        assertThat(outcomes(added)).containsExactly("CREATED", "REFUSED", "REFUSED");
        assertThat(problem(added, 1)).contains("another SKU");
        assertThat(problem(added, 2)).contains("unknown SKU NO-SUCH-SKU");
        assertThat(outcomes(again)).containsExactly("UNCHANGED");
        assertThat(outcomes(removed)).containsExactly("REMOVED");
        assertThat(catalog.count("select count(*) from substitute where sku = ?", item))
                .isZero();
        awaitWaiting(caseWithAlternative);
        assertThat(api.backorder(caseWithAlternative).path("offers").findValuesAsText("sku"))
                .as("offered while the relation stood")
                .contains(other);
    }

    @Test
    void aProductsStockPictureShowsWhatIsOnHandHeldWaitingAndComing() {
        String sku = catalog.product("Tent", "150.00", 2, 10);
        LocalDate expected = catalog.today().plusDays(6);
        purchaseOrdered(sku, 5, expected);
        String waiting = waitingCase(sku, 3); // 2 reserved from the shelf, 1 waits

        JsonNode picture = api.get("/api/inventory/products/" + sku).body();

        assertThat(picture.path("onHand").asInt()).isZero();
        assertThat(picture.path("reserved").asInt()).isEqualTo(2);
        assertThat(picture.path("waitingCases").asInt()).isEqualTo(1);
        assertThat(picture.path("waitingUnits").asInt()).isEqualTo(1);
        assertThat(picture.path("currency").asText()).isEqualTo("EUR");
        assertThat(picture.path("openSupply").get(0).path("openQuantity").asInt())
                .isEqualTo(5);
        assertThat(picture.path("openSupply").get(0).path("expectedDate").asText())
                .isEqualTo(expected.toString());
        api.receive(Catalog.unique("RCPT"), sku, 1);
        await().untilAsserted(() -> assertThat(api.get("/api/inventory/products/" + sku)
                        .body()
                        .path("waitingCases")
                        .asInt())
                .isZero());
        assertThat(api.get("/api/inventory/products/" + sku)
                        .body()
                        .path("allocated")
                        .asInt())
                .isEqualTo(1);
        assertThat(api.backorder(waiting).path("status").asText()).isNotEqualTo("OPEN");
        Api.Response missing = api.get("/api/inventory/products/NO-SUCH-SKU");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).contains("application/problem+json");
    }

    @Test
    void aStockTakeAndAdjustmentsAreBookedOnceAndARiseServesTheWaitingLineFirst() {
        String sku = catalog.product("Stove", "80.00", 0, 10);
        catalog.purchaseOrder(Catalog.unique("PO"), sku, 10, catalog.today().plusDays(5));
        String waiting = waitingCase(sku, 2);
        String other = catalog.product("Pan", "20.00", 6, 10);
        String count = Catalog.unique("TAKE");
        Map<String, Object> stockTake = Map.of("changeId", count, "sku", sku, "countedOnHand", 5);
        Map<String, Object> damaged =
                Map.of("changeId", Catalog.unique("DMG"), "sku", other, "adjustBy", -2, "reason", "damaged in storage");
        Map<String, Object> tooMuch =
                Map.of("changeId", Catalog.unique("DMG"), "sku", other, "adjustBy", -50, "reason", "lost");
        Map<String, Object> noReason = Map.of("changeId", Catalog.unique("RET"), "sku", other, "adjustBy", 1);
        Map<String, Object> both = Map.of(
                "changeId", Catalog.unique("BOTH"), "sku", other, "countedOnHand", 1, "adjustBy", 1, "reason", "x");

        JsonNode booked = api.put("/api/inventory/stock-changes", List.of(stockTake, damaged, tooMuch, noReason, both))
                .body();
        JsonNode repeated = api.put("/api/inventory/stock-changes", List.of(stockTake, damaged))
                .body();
        Map<String, Object> sameIdOtherCount = Map.of("changeId", count, "sku", sku, "countedOnHand", 9);
        JsonNode conflicting = api.put("/api/inventory/stock-changes", List.of(sameIdOtherCount))
                .body();

        assertThat(outcomes(booked)).containsExactly("CREATED", "CREATED", "REFUSED", "REFUSED", "REFUSED");
        assertThat(problem(booked, 2)).contains("adjustBy", "only 4 unit(s)");
        assertThat(problem(booked, 3)).contains("reason", "required");
        assertThat(problem(booked, 4)).contains("either countedOnHand");
        assertThat(outcomes(repeated)).containsExactly("UNCHANGED", "UNCHANGED");
        assertThat(outcomes(conflicting)).containsExactly("REFUSED");
        assertThat(problem(conflicting, 0)).contains("booked before with other content");
        // five counted: two go to the waiting case, three stay free; the pan lost two once, not twice
        JsonNode stove = api.get("/api/inventory/products/" + sku).body();
        assertThat(stove.path("onHand").asInt()).isEqualTo(3);
        assertThat(stove.path("allocated").asInt()).isEqualTo(2);
        assertThat(stove.path("waitingCases").asInt()).isZero();
        assertThat(api.get("/api/inventory/products/" + other)
                        .body()
                        .path("onHand")
                        .asInt())
                .isEqualTo(4);
        await().untilAsserted(() ->
                assertThat(api.backorder(waiting).path("status").asText()).isEqualTo("FULFILLED"));
    }

    @Test
    void aSuppliersNewLeadTimeMovesTheDatesThatRestOnIt() {
        String supplier = Catalog.unique("SUP");
        String sku = Catalog.unique("SLOW");
        api.put("/api/inventory/suppliers", List.of(supplier(supplier, "Slow Ltd", 10)));
        api.put("/api/inventory/products", List.of(product(sku, "Slow item", "10.00", supplier)));
        String caseId = waitingCase(sku, 1);
        assertThat(api.backorder(caseId).path("expectedDate").asText())
                .isEqualTo(catalog.today().plusDays(10).toString());

        JsonNode changed = api.put("/api/inventory/suppliers", List.of(supplier(supplier, "Slow Ltd", 24)))
                .body();

        assertThat(outcomes(changed)).containsExactly("UPDATED");
        await().untilAsserted(() -> assertThat(
                        api.backorder(caseId).path("expectedDate").asText())
                .isEqualTo(catalog.today().plusDays(24).toString()));
        await().untilAsserted(
                        () -> assertThat(api.backorder(caseId).path("emails").findValuesAsText("template"))
                                .contains("date-changed"));
    }

    private static Map<String, Object> product(String sku, String name, String price, String supplierId) {
        Map<String, Object> product = new HashMap<>();
        product.put("sku", sku);
        product.put("name", name);
        product.put("category", "bulk");
        product.put("unitPrice", price);
        product.put("supplierId", supplierId);
        return product;
    }

    private static Map<String, Object> supplier(String id, String name, int leadTimeDays) {
        return Map.of("supplierId", id, "name", name, "leadTimeDays", leadTimeDays);
    }

    private static List<String> outcomes(JsonNode body) {
        return body.path("items").findValuesAsText("outcome");
    }

    private static String problem(JsonNode body, int item) {
        return body.path("items").get(item).path("problems").toString();
    }
}
