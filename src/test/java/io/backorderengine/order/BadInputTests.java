package io.backorderengine.order;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.Catalog;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

/** Bad input gets a 4xx problem+json body that names what is wrong, and changes nothing. */
class BadInputTests extends ApplicationTest {

    private String sku;
    private int ordersBefore;

    @BeforeEach
    void arrange() {
        sku = catalog.product(5);
        ordersBefore = catalog.count("select count(*) from customer_order");
    }

    @Test
    void malformedJson() {
        Api.Response response = api.post("/api/orders", "{\"orderId\": \"A-1\", \"lines\": [");

        assertProblem(response, 400);
        assertThat(response.body().path("detail").asText()).contains("not valid JSON");
        assertNothingChanged();
    }

    @Test
    void aValueOfTheWrongType() {
        Api.Response response = api.post("/api/orders", """
                {"orderId":"A-1","customer":{"id":"C","name":"N","email":"n@example.com","tier":"GOLD"},
                 "lines":[{"lineId":"1","sku":"%s","quantity":"three"}]}""".formatted(sku));

        assertProblem(response, 400);
        assertThat(fields(response)).containsExactly("lines[0].quantity");
        assertNothingChanged();
    }

    @Test
    void anUnknownSku() {
        Api.Response response = api.placeOrder(
                Catalog.unique("ORD"), "STANDARD", new Api.Line("1", sku, 1), new Api.Line("2", "NO-SUCH-SKU", 1));

        assertProblem(response, 400);
        assertThat(fields(response)).containsExactly("lines[1].sku");
        assertThat(response.body().path("detail").asText()).contains("NO-SUCH-SKU");
        assertNothingChanged();
    }

    @Test
    void aQuantityOfZeroOrLess() {
        Api.Response response = api.placeOrder(
                Catalog.unique("ORD"), "STANDARD", new Api.Line("1", sku, 0), new Api.Line("2", sku, -2));

        assertProblem(response, 400);
        assertThat(fields(response)).containsExactly("lines[0].quantity", "lines[1].quantity");
        assertNothingChanged();
    }

    @Test
    void aMissingEmail() {
        Map<String, Object> order =
                Api.order(Catalog.unique("ORD"), "STANDARD", null, "Name", new Api.Line("1", sku, 1));

        Api.Response response = api.post("/api/orders", order);

        assertProblem(response, 400);
        assertThat(fields(response)).containsExactly("customer.email");
        assertNothingChanged();
    }

    @Test
    void duplicateLineIdsAndALineIdThatWouldMakeTheCaseIdAmbiguous() {
        Api.Response duplicate =
                api.placeOrder(Catalog.unique("ORD"), "STANDARD", new Api.Line("1", sku, 1), new Api.Line("1", sku, 1));
        Api.Response withDash = api.placeOrder(Catalog.unique("ORD"), "STANDARD", new Api.Line("1-2", sku, 1));

        assertProblem(duplicate, 400);
        assertThat(fields(duplicate)).containsExactly("lines[1].lineId");
        assertProblem(withDash, 400);
        assertThat(fields(withDash)).containsExactly("lines[0].lineId");
        assertNothingChanged();
    }

    @Test
    void anOversizedBody() {
        String huge = "{\"orderId\":\"A-1\",\"padding\":\"" + "x".repeat(300 * 1024) + "\"}";

        Api.Response response = api.post("/api/orders", huge);

        assertProblem(response, 413);
        assertThat(response.body().path("detail").asText()).contains("larger than the limit");
        assertNothingChanged();
    }

    @Test
    void anUnknownCaseOrOrder() {
        assertProblem(api.get("/api/backorders/NOPE-1"), 404);
        assertProblem(api.get("/api/orders/NOPE"), 404);
    }

    @Test
    void aBodyThatIsNotJson() {
        Api.Response response =
                api.exchange(HttpMethod.POST, "/api/orders", "orderId=A-1", MediaType.APPLICATION_FORM_URLENCODED);

        assertThat(response.status()).isEqualTo(415);
        assertNothingChanged();
    }

    @Test
    void controlAndBidiOverrideCharactersInNamesAndIds() {
        for (String name : List.of("Ada\u0000Lovelace", "Ada \u202Emoc.elpmaxe@\u202C", "Ada\u001B[31m", "Ada\u0085")) {
            Api.Response response = api.post(
                    "/api/orders",
                    Api.order(Catalog.unique("CTL"), "STANDARD", "ctl@example.com", name, new Api.Line("1", sku, 1)));

            assertProblem(response, 400);
            assertThat(fields(response)).containsExactly("customer.name");
        }
        Api.Response sku = api.post(
                "/api/orders", Api.order(Catalog.unique("CTL"), "STANDARD", new Api.Line("1", this.sku + "\u0000", 1)));
        assertProblem(sku, 400);
        assertNothingChanged();
    }

    private void assertProblem(Api.Response response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().path("status").asInt()).isEqualTo(status);
        assertThat(response.body().path("detail").asText()).isNotBlank();
    }

    private static List<String> fields(Api.Response response) {
        return response.body().path("errors").findValuesAsText("field");
    }

    private void assertNothingChanged() {
        assertThat(catalog.count("select count(*) from customer_order")).isEqualTo(ordersBefore);
        assertThat(catalog.onHand(sku)).isEqualTo(5);
    }
}
