package io.backorderengine.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.MediaType;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Puts a worked example into the description of each operation an order system starts with (one shop's
 * catalog, order, supply and subscriber, from {@code openapi/examples.json}). The examples are real:
 * {@code OpenApiTests} sends each one, in the file's order, and expects the documented success.
 */
@Component
class OpenApiExamples implements OpenApiCustomizer {

    /** Where the examples are, keyed {@code "<METHOD> <path>"} as the description names operations. */
    static final String FILE = "openapi/examples.json";

    private final JsonNode examples;

    OpenApiExamples(ObjectMapper json) {
        try (InputStream in = new ClassPathResource(FILE).getInputStream()) {
            this.examples = json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("the OpenAPI examples " + FILE + " cannot be read", e);
        }
    }

    @Override
    public void customise(OpenAPI api) {
        examples.fields().forEachRemaining(example -> {
            String[] methodAndPath = example.getKey().split(" ", 2);
            PathItem path = api.getPaths() == null ? null : api.getPaths().get(methodAndPath[1]);
            Operation operation = path == null
                    ? null
                    : path.readOperationsMap()
                            .get(PathItem.HttpMethod.valueOf(methodAndPath[0].toUpperCase(Locale.ROOT)));
            if (operation == null || operation.getRequestBody() == null) {
                throw new IllegalStateException(FILE + " has an example for " + example.getKey()
                        + ", which takes no request body (or does not exist)");
            }
            MediaType body = operation.getRequestBody().getContent().get("application/json");
            body.setExample(example.getValue());
        });
    }
}
