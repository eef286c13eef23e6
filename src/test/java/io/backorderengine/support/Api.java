package io.backorderengine.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestComponent;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** The application's HTTP API as a client sees it: status, headers and the JSON body. */
@TestComponent
public class Api {

    public record Response(int status, HttpHeaders headers, JsonNode body) {

        public String contentType() {
            return headers.getContentType() == null
                    ? null
                    : headers.getContentType().toString();
        }
    }

    /** An order line for {@link #order}. */
    public record Line(String lineId, String sku, int quantity) {}

    private final TestRestTemplate base;
    private final TestRestTemplate rest;
    private final ObjectMapper json;

    /** The API as the test order system ({@link TestUsers#SHOP}) calls it. */
    @Autowired
    Api(TestRestTemplate rest, ObjectMapper json) {
        this(rest, rest.withBasicAuth(TestUsers.SHOP, TestUsers.password(TestUsers.SHOP)), json);
    }

    private Api(TestRestTemplate base, TestRestTemplate rest, ObjectMapper json) {
        this.base = base;
        this.rest = rest;
        this.json = json;
    }

    /** The same API called with another test user's credentials. */
    public Api as(String user) {
        return withCredentials(user, TestUsers.password(user));
    }

    public Api withCredentials(String user, String password) {
        return new Api(base, base.withBasicAuth(user, password), json);
    }

    /** The same API called without credentials. */
    public Api anonymous() {
        return new Api(base, base, json);
    }

    public Response get(String path) {
        return exchange(HttpMethod.GET, path, null, MediaType.APPLICATION_JSON);
    }

    public Response post(String path, Object body) {
        return exchange(HttpMethod.POST, path, body instanceof String s ? s : write(body), MediaType.APPLICATION_JSON);
    }

    public Response delete(String path) {
        return exchange(HttpMethod.DELETE, path, null, MediaType.APPLICATION_JSON);
    }

    /** Every event of the feed after the cursor, read page by page as an order system would. */
    public List<JsonNode> events(long after, int pageSize) {
        List<JsonNode> read = new ArrayList<>();
        long at = after;
        for (JsonNode page =
                        get("/api/events?after=" + at + "&limit=" + pageSize).body();
                page.path("events").size() > 0;
                page = get("/api/events?after=" + at + "&limit=" + pageSize).body()) {
            page.path("events").forEach(read::add);
            at = page.path("next").asLong();
        }
        return read;
    }

    public Response put(String path, Object body) {
        return exchange(HttpMethod.PUT, path, body instanceof String s ? s : write(body), MediaType.APPLICATION_JSON);
    }

    public Response exchange(HttpMethod method, String path, String body, MediaType contentType) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(contentType);
        // JSON, or what a non-JSON endpoint (metrics) writes; its body then reads as a text node
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON, MediaType.ALL));
        ResponseEntity<String> response = rest.exchange(path, method, new HttpEntity<>(body, headers), String.class);
        return new Response(response.getStatusCode().value(), response.getHeaders(), read(response.getBody()));
    }

    /** A multipart/form-data POST, as Camunda Modeler deploys. */
    public Response postMultipart(String path, MultiValueMap<String, Object> parts) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        ResponseEntity<String> response =
                rest.exchange(path, HttpMethod.POST, new HttpEntity<>(parts, headers), String.class);
        return new Response(response.getStatusCode().value(), response.getHeaders(), read(response.getBody()));
    }

    /** Deploys files (name to content) to {@code /engine-rest/deployment/create}, as Camunda Modeler does. */
    public Response deploy(String deploymentName, Map<String, String> files) {
        LinkedMultiValueMap<String, Object> parts = new LinkedMultiValueMap<>();
        parts.add("deployment-name", deploymentName);
        files.forEach(
                (name, content) -> parts.add(name, new ByteArrayResource(content.getBytes(StandardCharsets.UTF_8)) {
                    @Override
                    public String getFilename() {
                        return name;
                    }
                }));
        return postMultipart("/engine-rest/deployment/create", parts);
    }

    public static Map<String, Object> order(String orderId, String tier, Line... lines) {
        return order(orderId, tier, "customer-" + orderId + "@example.com", "Customer " + orderId, lines);
    }

    public static Map<String, Object> order(String orderId, String tier, String email, String name, Line... lines) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (Line line : lines) {
            items.add(Map.of("lineId", line.lineId(), "sku", line.sku(), "quantity", line.quantity()));
        }
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("id", "C-" + orderId);
        customer.put("name", name);
        customer.put("email", email);
        customer.put("tier", tier);
        return Map.of("orderId", orderId, "customer", customer, "lines", items);
    }

    /** An order from a customer with a phone and no email address: an agent has to call. */
    public static Map<String, Object> phoneOnlyOrder(String orderId, String name, String phone, Line... lines) {
        Map<String, Object> order = new LinkedHashMap<>(order(orderId, "STANDARD", null, name, lines));
        @SuppressWarnings("unchecked")
        Map<String, Object> customer = new LinkedHashMap<>((Map<String, Object>) order.get("customer"));
        customer.put("phone", phone);
        order.put("customer", customer);
        return order;
    }

    public Response placeOrder(String orderId, String tier, Line... lines) {
        return post("/api/orders", order(orderId, tier, lines));
    }

    public JsonNode backorder(String caseId) {
        Response response = get("/api/backorders/" + caseId);
        if (response.status() != 200) {
            throw new AssertionError(
                    "GET /api/backorders/" + caseId + " answered " + response.status() + ": " + response.body());
        }
        return response.body();
    }

    public String status(String caseId) {
        return backorder(caseId).path("status").asText();
    }

    public Response receive(String receiptId, String sku, int quantity) {
        return post("/api/inventory/receipts", Map.of("receiptId", receiptId, "sku", sku, "quantity", quantity));
    }

    public Response decide(String caseId, String decision, String alternativeSku) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("decision", decision);
        if (alternativeSku != null) {
            body.put("alternativeSku", alternativeSku);
        }
        return post("/api/backorders/" + caseId + "/decision", body);
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            return json.nullNode();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return json.getNodeFactory().textNode(body);
        }
    }
}
