package io.backorderengine.system;

import java.net.URI;
import java.util.List;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Administrators issue and revoke the API keys of order systems' technical users. */
@RestController
@RequestMapping(path = "/api/admin/api-keys", produces = MediaType.APPLICATION_JSON_VALUE)
class ApiKeyController {

    /**
     * @param userId a user in the {@code ordersystems} group (create it in Camunda Admin first)
     * @param label  what the key is for, e.g. "webshop production"
     */
    record IssueRequest(
            @NotBlank @Size(max = 64) @PlainText String userId,
            @Size(max = 100) @PlainText String label) {}

    private final ApiKeys keys;
    private final IdentityService identity;

    ApiKeyController(ApiKeys keys, IdentityService identity) {
        this.keys = keys;
        this.identity = identity;
    }

    /** 201 with the key: it is shown this once and stored only as a hash. */
    @ApiResponse(responseCode = "201", description = "The key, shown this once", useReturnTypeSchema = true)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Object> issue(@Valid @RequestBody IssueRequest request) {
        if (identity.createUserQuery()
                        .userId(request.userId())
                        .memberOfGroup(Roles.ORDER_SYSTEMS)
                        .count()
                == 0) {
            return ResponseEntity.badRequest()
                    .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(Problems.invalid(
                            "userId",
                            "must be an existing user in the group " + Roles.ORDER_SYSTEMS
                                    + " (people log in with their password)"));
        }
        ApiKeys.IssuedKey issued = keys.issue(request.userId(), request.label());
        return ResponseEntity.created(URI.create("/api/admin/api-keys/" + issued.keyId()))
                .body(issued);
    }

    @GetMapping
    List<ApiKeys.ApiKey> list(@RequestParam @Size(max = 64) String userId) {
        return keys.of(userId);
    }

    /** Revokes the key at once; calls with it answer 401 from then on. */
    @DeleteMapping("/{keyId}")
    ResponseEntity<Object> revoke(@PathVariable String keyId) {
        return keys.revoke(keyId)
                .<ResponseEntity<Object>>map(ResponseEntity::ok)
                .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
                        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                        .body(Problems.of(HttpStatus.NOT_FOUND, "not-found", "no API key " + keyId)));
    }
}
