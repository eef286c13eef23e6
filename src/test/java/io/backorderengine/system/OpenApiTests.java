package io.backorderengine.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.backorderengine.support.Api;
import io.backorderengine.support.ApplicationTest;
import io.backorderengine.support.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The API's OpenAPI description is served to those who integrate, covers every endpoint under
 * {@code /api}, and is the contract kept in {@code docs/openapi.json}: a change to an endpoint fails
 * here until that file is updated with it (run this test with {@code -Dopenapi.write=true} to write it,
 * then review the diff).
 */
class OpenApiTests extends ApplicationTest {

    private static final Path CONTRACT = Path.of("docs", "openapi.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @Test
    void everyEndpointUnderApiIsDescribed() {
        JsonNode paths = description().path("paths");
        Set<String> handlers = new HashSet<>();
        mappings.getHandlerMethods()
                .keySet()
                .forEach(info -> info.getPatternValues().stream()
                        .filter(path -> path.startsWith("/api/"))
                        .forEach(path -> info.getMethodsCondition()
                                .getMethods()
                                .forEach(method -> handlers.add(method.name() + " " + path))));

        assertThat(handlers).isNotEmpty();
        for (String handler : handlers) {
            String[] methodAndPath = handler.split(" ");
            assertThat(paths.path(methodAndPath[1]).has(methodAndPath[0].toLowerCase(Locale.ROOT)))
                    .as("%s in the description", handler)
                    .isTrue();
        }
    }

    @Test
    void theDescriptionIsTheContractInTheRepository() throws IOException {
        String served = JSON.writeValueAsString(withoutServers(description())) + "\n";
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(CONTRACT, served);
        }
        assertThat(served)
                .as("the API changed: run OpenApiTests with -Dopenapi.write=true, review and commit docs/openapi.json")
                .isEqualTo(Files.readString(CONTRACT));
    }

    @Test
    void theDescriptionAndItsPageAreForThoseWhoIntegrate() {
        assertThat(api.anonymous().get("/v3/api-docs").status()).isEqualTo(401);
        assertThat(api.as(TestUsers.AGENT).get("/v3/api-docs").status()).isEqualTo(403);
        assertThat(api.as(TestUsers.ADMIN).get("/swagger-ui/index.html").status())
                .isEqualTo(200);
    }

    /**
     * The description's examples are one shop's first day (catalog, stock, an order that waits, supply,
     * the customer's decision, a receipt, a webhook subscriber, an analyst's policy trial): each is sent as it stands, in order, and
     * must be answered with a success the description names.
     */
    @Test
    void everyExampleIsAnsweredWithASuccessTheDescriptionNames() throws IOException {
        JsonNode paths = description().path("paths");
        JsonNode examples = JSON.readTree(new ClassPathResource(OpenApiExamples.FILE).getInputStream());
        String subscriber = null;
        for (var example : (Iterable<Map.Entry<String, JsonNode>>) examples::fields) {
            String[] methodAndPath = example.getKey().split(" ", 2);
            String path = methodAndPath[1];
            // the example order's case, at its wait state since the order was answered (below)
            path = path.replace("{caseId}", "K-1-1");
            path = path.replace("{key}", "waiting-policy");
            Api caller = path.startsWith("/api/admin/")
                    ? api.as(TestUsers.ADMIN)
                    : path.startsWith("/api/policies/") ? api.as(TestUsers.ANALYST) : api;
            Api.Response answer = caller.exchange(
                    HttpMethod.valueOf(methodAndPath[0]),
                    path,
                    example.getValue().toString(),
                    MediaType.APPLICATION_JSON);

            Set<String> successes = new HashSet<>();
            paths.path(methodAndPath[1])
                    .path(methodAndPath[0].toLowerCase(Locale.ROOT))
                    .path("responses")
                    .fieldNames()
                    .forEachRemaining(status -> {
                        if (status.startsWith("2")) {
                            successes.add(status);
                        }
                    });
            assertThat(successes)
                    .as("%s answered %s", example.getKey(), answer.body())
                    .contains(String.valueOf(answer.status()));
            assertThat(String.valueOf(answer.body())).as(example.getKey()).doesNotContain("REFUSED");
            if (path.equals("/api/orders")) {
                // the case's process starts a moment after the answer: supply posted before it has promised
                // a date would be the date it promises (the example's PO is years away: an offer to review)
                awaitWaiting("K-1-1");
            }
            if (path.equals("/api/admin/webhooks")) {
                subscriber =
                        answer.body().path("subscriber").path("subscriberId").asText();
            }
        }
        await().until(() -> api.status("K-1-1"), "FULFILLED"::equals);
        // the example's receiver does not exist here
        assertThat(api.as(TestUsers.ADMIN)
                        .delete("/api/admin/webhooks/" + subscriber)
                        .status())
                .isEqualTo(204);
    }

    private JsonNode description() {
        return api.as(TestUsers.SHOP).get("/v3/api-docs").body();
    }

    /** The server URL names the test's random port; the contract is the same on any. */
    private static JsonNode withoutServers(JsonNode description) {
        ObjectNode copy = description.deepCopy();
        copy.remove("servers");
        return copy;
    }
}
