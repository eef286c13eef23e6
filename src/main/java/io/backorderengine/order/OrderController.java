package io.backorderengine.order;

import java.net.URI;
import java.util.List;

import io.backorderengine.notification.EmailSummary;
import io.backorderengine.notification.Notifications;
import io.backorderengine.system.ListPage;
import io.backorderengine.system.ProblemException;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Order systems place orders here. */
@RestController
@RequestMapping(path = "/api/orders", produces = MediaType.APPLICATION_JSON_VALUE)
class OrderController {

    private final OrderIntake intake;
    private final OrderRepository orders;
    private final Notifications notifications;

    OrderController(OrderIntake intake, OrderRepository orders, Notifications notifications) {
        this.intake = intake;
        this.orders = orders;
        this.notifications = notifications;
    }

    /** 201 for a new order; 200 with the same result when the identical order is posted again; 409 otherwise. */
    @ApiResponse(responseCode = "201", description = "A new order: its lines' outcomes", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "200",
            description = "The identical order again: the same answer, nothing changed",
            useReturnTypeSchema = true)
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OrderView> place(@Valid @RequestBody PlaceOrderRequest request) {
        // the order id is checked (URL-safe characters only) before it may appear in a log line
        OrderIntake.Placed placed;
        try (var logged = MDC.putCloseable("orderId", request.orderId())) {
            placed = intake.place(request);
        }
        if (placed.created()) {
            return ResponseEntity.created(
                            URI.create("/api/orders/" + placed.order().orderId()))
                    .body(placed.order());
        }
        return ResponseEntity.ok(placed.order());
    }

    /** A customer's orders, newest first. */
    @GetMapping
    ListPage<OrderSummary> byCustomer(
            @RequestParam @NotBlank @Size(max = 64) String customerId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size) {
        return ListPage.of(orders.byCustomer(customerId, (long) page * size, size + 1), page, size);
    }

    @GetMapping("/{orderId}")
    ResponseEntity<OrderView> get(@PathVariable String orderId) {
        return intake.find(orderId).map(ResponseEntity::ok).orElseThrow(() -> new OrderNotFoundException(orderId));
    }

    /** What the customer of this order was sent (or could not be sent), oldest first. */
    @GetMapping("/{orderId}/communications")
    List<EmailSummary> communications(@PathVariable String orderId) {
        if (intake.find(orderId).isEmpty()) {
            throw new OrderNotFoundException(orderId);
        }
        return notifications.forOrder(orderId).stream().map(EmailSummary::of).toList();
    }

    static class OrderNotFoundException extends ProblemException {
        OrderNotFoundException(String orderId) {
            super(HttpStatus.NOT_FOUND, "order-not-found", "no order " + orderId);
        }
    }
}
