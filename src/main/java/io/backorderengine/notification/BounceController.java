package io.backorderengine.notification;

import io.backorderengine.system.PlainText;
import io.backorderengine.system.Problems;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Where a mail provider's webhook reports bounced emails. */
@RestController
@RequestMapping(path = "/api/notifications", produces = MediaType.APPLICATION_JSON_VALUE)
class BounceController {

    private final Notifications notifications;

    BounceController(Notifications notifications) {
        this.notifications = notifications;
    }

    /**
     * @param messageId the Message-ID header of the email that bounced, e.g. {@code <abc@shop>}
     * @param reason    what the provider said
     */
    record Bounce(
            @NotBlank @Size(max = 200) @PlainText String messageId,
            @Size(max = 500) @PlainText(multiline = true) String reason) {}

    record Recorded(String messageId, EmailState state) {}

    /** 202 with the email's state; repeated reports change nothing. */
    @ApiResponse(responseCode = "202", description = "Recorded against the email", useReturnTypeSchema = true)
    @PostMapping("/bounces")
    ResponseEntity<?> bounced(@Valid @RequestBody Bounce bounce) {
        return notifications
                .bounced(bounce.messageId(), bounce.reason() == null ? "bounced" : bounce.reason())
                .<ResponseEntity<?>>map(
                        email -> ResponseEntity.accepted().body(new Recorded(email.messageId(), email.state())))
                .orElseGet(() -> {
                    ProblemDetail problem = Problems.of(
                            HttpStatus.NOT_FOUND, "email-not-found", "no email with Message-ID " + bounce.messageId());
                    return ResponseEntity.status(HttpStatus.NOT_FOUND)
                            .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                            .body(problem);
                });
    }
}
