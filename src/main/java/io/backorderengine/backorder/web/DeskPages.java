package io.backorderengine.backorder.web;

import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.backorderengine.backorder.BackorderCases;
import io.backorderengine.backorder.CaseDesk;
import io.backorderengine.backorder.CaseNotFoundException;
import io.backorderengine.backorder.CaseStatus;
import io.backorderengine.backorder.RootCause;
import io.backorderengine.backorder.internal.CaseSearch;
import io.backorderengine.system.ProblemException;
import jakarta.validation.Valid;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The case desk as pages: find a case by order id, customer email or SKU, read its timeline, and act on
 * it. Every action goes through {@link CaseDesk} (or the case's priority), exactly as the REST calls do,
 * and comes back to the case with what happened; bad input is named and changes nothing.
 */
@Controller
@RequestMapping("/desk")
class DeskPages {

    private static final int RESULTS = 50;

    private final CaseSearch search;
    private final BackorderCases cases;
    private final CaseDesk desk;

    DeskPages(CaseSearch search, BackorderCases cases, CaseDesk desk) {
        this.search = search;
        this.cases = cases;
        this.desk = desk;
    }

    @GetMapping("/login")
    String login() {
        return "desk/login";
    }

    /** With no criterion, the open cases, newest first. */
    @GetMapping
    String find(
            @RequestParam(required = false) String orderId,
            @RequestParam(required = false) String customerEmail,
            @RequestParam(required = false) String sku,
            Model model) {
        String order = blankToNull(orderId, 64);
        String email = blankToNull(customerEmail, 320);
        String product = blankToNull(sku, 64);
        boolean any = order != null || email != null || product != null;
        model.addAttribute("orderId", order);
        model.addAttribute("customerEmail", email);
        model.addAttribute("sku", product);
        model.addAttribute("searched", any);
        model.addAttribute(
                "results",
                search.find(
                                new CaseSearch.Filter(any ? null : CaseStatus.OPEN, product, order, email, null, null),
                                0,
                                RESULTS)
                        .items());
        return "desk/find";
    }

    @GetMapping("/cases/{caseId}")
    String view(@PathVariable String caseId, Model model, Authentication user) {
        model.addAttribute("c", cases.find(caseId).orElseThrow(() -> new CaseNotFoundException(caseId)));
        model.addAttribute("causes", RootCause.values());
        model.addAttribute(
                "supervisor",
                CaseDeskController.hasRole(user, "supervisors") || CaseDeskController.hasRole(user, "camunda-admin"));
        return "desk/case";
    }

    @PostMapping("/cases/{caseId}/notes")
    String note(
            @PathVariable String caseId,
            @Valid @ModelAttribute CaseDeskController.NoteRequest form,
            BindingResult errors,
            Authentication user,
            RedirectAttributes flash) {
        return act(caseId, errors, flash, "Note added.", () -> desk.note(caseId, form.text(), user.getName()));
    }

    @PostMapping("/cases/{caseId}/email")
    String email(
            @PathVariable String caseId,
            @Valid @ModelAttribute CaseDeskController.EmailRequest form,
            BindingResult errors,
            Authentication user,
            RedirectAttributes flash) {
        return act(
                caseId,
                errors,
                flash,
                "Email address corrected.",
                () -> desk.correctEmail(caseId, form.email(), user.getName()));
    }

    @PostMapping("/cases/{caseId}/resend")
    String resend(@PathVariable String caseId, Authentication user, RedirectAttributes flash) {
        return perform(caseId, flash, () -> {
            CaseDesk.Resent resent = desk.resendLastEmail(caseId, user.getName());
            return resent.again()
                    ? "The last email (%s) was sent again to %s: %s."
                            .formatted(
                                    resent.communication().template(),
                                    resent.communication().recipient(),
                                    resent.communication().state())
                    : "That email had already been sent again to %s; nothing new was sent."
                            .formatted(resent.communication().recipient());
        });
    }

    @PostMapping("/cases/{caseId}/cancellation")
    String cancel(
            @PathVariable String caseId,
            @Valid @ModelAttribute CaseDeskController.CancellationRequest form,
            BindingResult errors,
            Authentication user,
            RedirectAttributes flash) {
        return act(
                caseId,
                errors,
                flash,
                "Cancellation taken: the case closes in a moment.",
                () -> desk.cancel(
                        caseId, form.reason(), form.cause(), user.getName(), CaseDeskController.channel(user)));
    }

    @PostMapping("/cases/{caseId}/priority")
    String priority(
            @PathVariable String caseId,
            @Valid @ModelAttribute BackorderController.PriorityRequest form,
            BindingResult errors,
            Authentication user,
            RedirectAttributes flash) {
        return act(
                caseId,
                errors,
                flash,
                "Priority set.",
                () -> cases.prioritize(caseId, form.priority(), user.getName()));
    }

    /** Carries out a form's action unless its fields are wrong; back to the case with what happened. */
    private static String act(
            String caseId, BindingResult errors, RedirectAttributes flash, String done, Runnable action) {
        if (errors.hasErrors()) {
            flash.addFlashAttribute(
                    "error",
                    errors.getFieldErrors().stream()
                            .map(e -> e.getField() + ": " + e.getDefaultMessage())
                            .sorted()
                            .collect(Collectors.joining("; ")));
            return "redirect:/desk/cases/" + caseId;
        }
        return perform(caseId, flash, () -> {
            action.run();
            return done;
        });
    }

    /** Runs the action; its message, or the refusal's, is shown on the case page. */
    private static String perform(String caseId, RedirectAttributes flash, Supplier<String> action) {
        try {
            flash.addFlashAttribute("done", action.get());
        } catch (ProblemException refused) {
            flash.addFlashAttribute("error", refused.getMessage());
        }
        return "redirect:/desk/cases/" + caseId;
    }

    private static String blankToNull(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.strip();
        return trimmed.length() > max ? trimmed.substring(0, max) : trimmed;
    }
}
