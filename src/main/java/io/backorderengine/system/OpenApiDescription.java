package io.backorderengine.system;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the generated OpenAPI description cannot see in the controllers: who the API is, how callers
 * authenticate (Basic, with a user's password or an order system's API key), and the problem+json body
 * every error answers with ({@link ApiExceptionHandler}, the security filters), on every operation.
 */
@Configuration
class OpenApiDescription {

    private static final String PROBLEM = "Problem";
    private static final String BASIC = "basic";
    /** The errors any operation may answer; 400 and 404 only where they can happen would be nicer, not truer. */
    private static final Map<String, String> ERRORS = Map.of(
            "400", "The request is wrong: `errors[]` names each field and what is wrong with it",
            "401", "No credentials, or wrong ones",
            "403", "The caller's role may not do this",
            "404", "No such resource",
            "409", "Conflicts with what exists (same id, other content; a state that does not allow it)",
            "413", "The body is larger than allowed",
            "503", "Too busy or the database is away: retry after `Retry-After` seconds");

    @Bean
    OpenApiCustomizer problemsEverywhere() {
        return api -> {
            api.info(new Info()
                    .title("Backorder Engine API")
                    .version("1")
                    .description("Orders, cases, decisions, stock, catalog and outcomes for order systems. "
                            + "Errors are application/problem+json."));
            Components components = api.getComponents() == null ? new Components() : api.getComponents();
            components.addSecuritySchemes(
                    BASIC,
                    new SecurityScheme()
                            .type(SecurityScheme.Type.HTTP)
                            .scheme("basic")
                            .description("a user and password, or an order system's id and API key"));
            components.addSchemas(PROBLEM, problem());
            api.components(components);
            api.addSecurityItem(new SecurityRequirement().addList(BASIC));
            if (api.getPaths() != null) {
                api.getPaths()
                        .values()
                        .forEach(path -> path.readOperations()
                                .forEach(operation -> ERRORS.forEach((status, description) ->
                                        operation.getResponses().putIfAbsent(status, error(description)))));
            }
        };
    }

    private static ApiResponse error(String description) {
        return new ApiResponse()
                .description(description)
                .content(new Content()
                        .addMediaType(
                                "application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problem() {
        Schema<?> fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema().example("lines[0].quantity"))
                .addProperty("message", new StringSchema().example("must be greater than 0"));
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("urn:backorder-engine:problem:invalid-request"))
                .addProperty("title", new StringSchema().example("Bad Request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("lines[0].quantity: must be greater than 0"))
                .addProperty("errors", new ArraySchema().items(fieldError))
                .required(List.of("type", "title", "status"));
    }
}
