package io.backorderengine.backorder.web;

import java.net.URI;
import java.security.Principal;

import io.backorderengine.backorder.BackorderCases;
import io.backorderengine.backorder.CaseDecisions;
import io.backorderengine.backorder.CaseDesk;
import io.backorderengine.backorder.CaseFormats;
import io.backorderengine.backorder.CaseNotFoundException;
import io.backorderengine.backorder.CaseView;
import io.backorderengine.backorder.DecisionChannel;
import io.backorderengine.backorder.RootCause;
import io.backorderengine.notification.EmailSummary;
import io.backorderengine.system.PlainText;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The case desk's actions for agents and supervisors (the desk page calls the same service): each is a
 * step in the case's timeline under the caller's name.
 */
@RestController
@RequestMapping(path = "/api/backorders/{caseId}", produces = MediaType.APPLICATION_JSON_VALUE)
class CaseDeskController {

    private final CaseDesk desk;
    private final BackorderCases cases;

    CaseDeskController(CaseDesk desk, BackorderCases cases) {
        this.desk = desk;
        this.cases = cases;
    }

    record NoteRequest(
            @NotBlank @Size(max = 2000) @PlainText(multiline = true)
            String text) {}

    record EmailRequest(@NotBlank @CaseFormats.EmailAddress String email) {}

    /**
     * @param reason what the customer said (required: the cancellation email and the KPIs show it)
     * @param cause  why it came to this, as the agent sees it (optional)
     */
    record CancellationRequest(
            @NotBlank @Size(max = 500) @PlainText(multiline = true)
            String reason,

            RootCause cause) {}

    /** @param again false when this email had already been sent again to this address: nothing new was sent */
    record ResendResponse(EmailSummary email, boolean again) {}

    @PostMapping(path = "/notes", consumes = MediaType.APPLICATION_JSON_VALUE)
    CaseView note(@PathVariable String caseId, @Valid @RequestBody NoteRequest request, Principal user) {
        desk.note(caseId, request.text(), user.getName());
        return view(caseId);
    }

    /** Corrects the customer's address on every case of the order; later emails go there. */
    @PutMapping(path = "/customer-email", consumes = MediaType.APPLICATION_JSON_VALUE)
    CaseView correctEmail(@PathVariable String caseId, @Valid @RequestBody EmailRequest request, Principal user) {
        desk.correctEmail(caseId, request.email(), user.getName());
        return view(caseId);
    }

    /** Sends the case's last email again, to its current address, written from today's facts. */
    @PostMapping("/emails/resend")
    ResendResponse resend(@PathVariable String caseId, Principal user) {
        CaseDesk.Resent resent = desk.resendLastEmail(caseId, user.getName());
        return new ResendResponse(EmailSummary.of(resent.communication()), resent.again());
    }

    /** Cancels the case at the customer's request; it is carried out in a moment (202). */
    @ApiResponse(
            responseCode = "202",
            description = "Taken: the case is cancelled in a moment",
            useReturnTypeSchema = true)
    @PostMapping(path = "/cancellation", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CaseDecisions.Decision> cancel(
            @PathVariable String caseId, @Valid @RequestBody CancellationRequest request, Authentication user) {
        CaseDecisions.Decision decision =
                desk.cancel(caseId, request.reason(), request.cause(), user.getName(), channel(user));
        return ResponseEntity.accepted()
                .location(URI.create("/api/backorders/" + caseId))
                .body(decision);
    }

    /** A supervisor cancels as a supervisor; anyone else for the customer, as an agent. */
    static DecisionChannel channel(Authentication user) {
        return hasRole(user, "supervisors") ? DecisionChannel.SUPERVISOR : DecisionChannel.AGENT;
    }

    /** Whether the caller is in the group (a Camunda group is a Spring Security role). */
    static boolean hasRole(Authentication user, String group) {
        return user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals("ROLE_" + group));
    }

    private CaseView view(String caseId) {
        return cases.find(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
    }
}
