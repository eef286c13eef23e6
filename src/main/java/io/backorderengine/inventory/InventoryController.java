package io.backorderengine.inventory;

import java.net.URI;
import java.time.LocalDate;
import java.util.List;

import io.backorderengine.system.PlainText;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Stock receipts and purchase orders pushed by order systems and warehouses. */
@RestController
@RequestMapping(path = "/api/inventory", produces = MediaType.APPLICATION_JSON_VALUE)
class InventoryController {

    private static final String ID = "[A-Za-z0-9._:-]+";

    private final Inventory inventory;

    InventoryController(Inventory inventory) {
        this.inventory = inventory;
    }

    /** @param purchaseOrderId optional: the purchase order the units arrived for (its open quantity shrinks) */
    record ReceiptRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = ID) String receiptId,
            @NotBlank @Size(max = 64) @PlainText String sku,
            @NotNull @Positive @Max(1_000_000) Integer quantity,
            @Size(max = 64) @PlainText String purchaseOrderId) {}

    record PreviewRequest(
            @NotBlank @Size(max = 64) @PlainText String sku,
            @NotNull @Positive @Max(1_000_000) Integer quantity) {}

    record Preview(String sku, int quantity, List<ReceiptResult.Allocation> allocations) {}

    record PurchaseOrderRequest(
            @NotBlank @Size(max = 64) @Pattern(regexp = ID) String purchaseOrderId,
            @NotBlank @Size(max = 64) @PlainText String sku,
            @NotBlank @Size(max = 64) @PlainText String supplierId,
            @NotNull @Positive @Max(1_000_000) Integer quantity,
            @NotNull LocalDate expectedDate,

            @Pattern(regexp = "OPEN|CLOSED", message = "must be OPEN or CLOSED")
            String status) {

        PurchaseOrderCommand command(String id) {
            return new PurchaseOrderCommand(
                    id,
                    sku,
                    supplierId,
                    quantity,
                    expectedDate,
                    status == null ? PurchaseOrderStatus.OPEN : PurchaseOrderStatus.valueOf(status));
        }
    }

    /** Books a receipt; the waiting line is served from it at once. A repeated receipt id changes nothing. */
    @ApiResponse(responseCode = "201", description = "Booked; waiting cases served from it", useReturnTypeSchema = true)
    @ApiResponse(
            responseCode = "200",
            description = "This receipt id was booked before: nothing changed",
            useReturnTypeSchema = true)
    @PostMapping("/receipts")
    ResponseEntity<ReceiptResult> receive(@Valid @RequestBody ReceiptRequest request) {
        ReceiptResult result =
                inventory.receive(request.receiptId(), request.sku(), request.quantity(), request.purchaseOrderId());
        return result.duplicate()
                ? ResponseEntity.ok(result)
                : ResponseEntity.status(HttpStatus.CREATED).body(result);
    }

    /** Which waiting cases a receipt would serve if it arrived now, in order; changes nothing. */
    @PostMapping("/receipts/preview")
    Preview preview(@Valid @RequestBody PreviewRequest request) {
        return new Preview(request.sku(), request.quantity(), inventory.preview(request.sku(), request.quantity()));
    }

    @ApiResponse(responseCode = "201", description = "A new purchase order", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "The identical purchase order again", useReturnTypeSchema = true)
    @PostMapping("/purchase-orders")
    ResponseEntity<PurchaseOrderResult> create(@Valid @RequestBody PurchaseOrderRequest request) {
        var existing = inventory.purchaseOrder(request.purchaseOrderId());
        if (existing.isPresent() && !sameContent(existing.get(), request.command(request.purchaseOrderId()))) {
            throw new ConflictingRequestException("purchase order %s exists with other content; use PUT to change it"
                    .formatted(request.purchaseOrderId()));
        }
        return saved(save(request.command(request.purchaseOrderId())));
    }

    /** Creates or replaces the purchase order named in the body. */
    @ApiResponse(responseCode = "201", description = "A new purchase order", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "The purchase order replaced", useReturnTypeSchema = true)
    @PutMapping("/purchase-orders")
    ResponseEntity<PurchaseOrderResult> put(@Valid @RequestBody PurchaseOrderRequest request) {
        return saved(save(request.command(request.purchaseOrderId())));
    }

    @ApiResponse(responseCode = "201", description = "A new purchase order", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "The purchase order replaced", useReturnTypeSchema = true)
    @PutMapping("/purchase-orders/{purchaseOrderId}")
    ResponseEntity<PurchaseOrderResult> put(
            @PathVariable String purchaseOrderId, @Valid @RequestBody PurchaseOrderRequest request) {
        if (!purchaseOrderId.equals(request.purchaseOrderId())) {
            throw new InvalidSupplyException("purchaseOrderId", "must match the id in the path");
        }
        return saved(save(request.command(purchaseOrderId)));
    }

    private PurchaseOrderResult save(PurchaseOrderCommand command) {
        try {
            return inventory.savePurchaseOrder(command);
        } catch (DuplicateKeyException createdConcurrently) {
            // another request created the same id a moment ago: this one now updates it
            return inventory.savePurchaseOrder(command);
        }
    }

    @GetMapping("/purchase-orders/{purchaseOrderId}")
    ResponseEntity<PurchaseOrderResult> get(@PathVariable String purchaseOrderId) {
        return ResponseEntity.of(inventory.purchaseOrder(purchaseOrderId));
    }

    private static ResponseEntity<PurchaseOrderResult> saved(PurchaseOrderResult result) {
        if (result.created()) {
            return ResponseEntity.created(URI.create("/api/inventory/purchase-orders/" + result.purchaseOrderId()))
                    .body(result);
        }
        return ResponseEntity.ok(result);
    }

    private static boolean sameContent(PurchaseOrderResult stored, PurchaseOrderCommand wanted) {
        return stored.sku().equals(wanted.sku())
                && stored.supplierId().equals(wanted.supplierId())
                && stored.quantity() == wanted.quantity()
                && stored.expectedDate().equals(wanted.expectedDate())
                && stored.status().equals(wanted.status());
    }
}
