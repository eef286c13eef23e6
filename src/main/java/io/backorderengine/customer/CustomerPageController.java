package io.backorderengine.customer;

import java.util.Optional;

import io.backorderengine.backorder.BackorderCases;
import io.backorderengine.backorder.CaseDecisions;
import io.backorderengine.backorder.CaseNotFoundException;
import io.backorderengine.backorder.CaseView;
import io.backorderengine.backorder.CustomerDecision;
import io.backorderengine.backorder.DecisionChannel;
import io.backorderengine.backorder.DecisionRefusal;
import io.backorderengine.backorder.DecisionRefusedException;
import io.backorderengine.backorder.InvalidCaseException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page behind a decision link. It works without JavaScript: the state of the case, the choices
 * as links, a confirmation form per choice. Looking never changes anything (mail scanners follow
 * links); only the confirmation's POST does, and a decision is recorded once.
 */
@Controller
@RequestMapping("/customer/decisions/{token}")
class CustomerPageController {

    private final DecisionLinkService links;
    private final BackorderCases cases;
    private final CaseDecisions decisions;
    private final DecisionPageModel page;

    CustomerPageController(
            DecisionLinkService links, BackorderCases cases, CaseDecisions decisions, DecisionPageModel page) {
        this.links = links;
        this.cases = cases;
        this.decisions = decisions;
        this.page = page;
    }

    @GetMapping
    String show(
            @PathVariable String token,
            @RequestParam(required = false) String choice,
            @RequestParam(required = false) String sku,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        Opened opened = open(token, model, request, response);
        if (opened.answer() != null) {
            return opened.answer();
        }
        CaseView c = opened.view();
        Optional<CustomerDecision> decision = parse(choice);
        if (decision.isPresent()
                && (decision.get() != CustomerDecision.ALTERNATIVE || DecisionPageModel.offered(c, sku))) {
            model.addAttribute("choice", decision.get().code());
            model.addAttribute(
                    "chosen",
                    decision.get() == CustomerDecision.ALTERNATIVE ? DecisionPageModel.alternative(c, sku) : null);
            return "customer/confirm";
        }
        return "customer/case";
    }

    @PostMapping
    String decide(
            @PathVariable String token,
            @RequestParam(required = false) String choice,
            @RequestParam(required = false) String sku,
            Model model,
            HttpServletRequest request,
            HttpServletResponse response) {
        Opened opened = open(token, model, request, response);
        if (opened.answer() != null) {
            return opened.answer();
        }
        CaseView c = opened.view();
        Optional<CustomerDecision> decision = parse(choice);
        if (decision.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "customer/case";
        }
        Optional<CaseDecisions.Decision> latest = c.decisions().isEmpty()
                ? Optional.empty()
                : Optional.of(c.decisions().get(c.decisions().size() - 1));
        if (latest.isPresent()
                && latest.get().decision() == decision.get()
                && (decision.get() != CustomerDecision.ALTERNATIVE
                        || sku != null && sku.equals(latest.get().alternativeSku()))) {
            model.addAttribute("recorded", latest.get());
            model.addAttribute("again", true);
            return "customer/recorded";
        }
        try {
            CaseDecisions.Decision recorded = decisions.decide(
                    c.caseId(),
                    decision.get(),
                    decision.get() == CustomerDecision.ALTERNATIVE ? sku : null,
                    null,
                    "customer",
                    DecisionChannel.CUSTOMER_PAGE);
            model.addAttribute("recorded", recorded);
            model.addAttribute(
                    "chosen",
                    decision.get() == CustomerDecision.ALTERNATIVE ? DecisionPageModel.alternative(c, sku) : null);
            return "customer/recorded";
        } catch (DecisionRefusedException refused) {
            CaseView now = cases.find(c.caseId()).orElseThrow();
            page.prepare(model, request, now, token);
            switch (refused.reason()) {
                case ALTERNATIVE_UNAVAILABLE -> {
                    response.setStatus(HttpServletResponse.SC_CONFLICT);
                    model.addAttribute("gone", DecisionPageModel.alternative(c, sku));
                    return "customer/case";
                }
                case ALREADY_DECIDED -> {
                    model.addAttribute(
                            "recorded",
                            now.decisions().stream()
                                    .filter(d -> d.decision() != CustomerDecision.WAIT)
                                    .findFirst()
                                    .orElseThrow());
                    model.addAttribute("again", true);
                    return "customer/recorded";
                }
                default -> {
                    model.addAttribute("shipping", refused.reason() == DecisionRefusal.ALREADY_ALLOCATED);
                    return "customer/outcome";
                }
            }
        } catch (InvalidCaseException notOffered) {
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            return "customer/case";
        }
    }

    private Optional<CaseView> caseOf(String token) {
        try {
            return links.caseOf(token).flatMap(cases::find);
        } catch (CaseNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Optional<CustomerDecision> parse(String choice) {
        if (choice == null) {
            return Optional.empty();
        }
        return CustomerDecision.ofCode(choice);
    }

    /** The case behind a link, the page prepared for it; or the view to answer at once. */
    private record Opened(CaseView view, String answer) {}

    /** An unusable link gets its page; an ended case shows its outcome, whatever was asked. */
    private Opened open(String token, Model model, HttpServletRequest request, HttpServletResponse response) {
        Optional<CaseView> found = caseOf(token);
        if (found.isEmpty()) {
            return new Opened(null, page.invalid(model, response));
        }
        CaseView c = found.get();
        page.prepare(model, request, c, token);
        return new Opened(c, c.status().closed() ? "customer/outcome" : null);
    }
}
