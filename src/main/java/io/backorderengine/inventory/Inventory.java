package io.backorderengine.inventory;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inventory module's API. Methods join the caller's transaction (an order intake, a process step),
 * so a reservation and the case it belongs to commit together or not at all.
 */
@Service
public class Inventory {

    private final ProductStock stock;
    private final Reservations reservations;
    private final BackorderQueue queue;
    private final Allocator allocator;
    private final PurchaseOrders purchaseOrders;
    private final Receipts receipts;
    private final Substitutes substitutes;
    private final SupplyPlanner planner;
    private final InventoryProperties properties;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;
    private final Clock clock;

    Inventory(
            ProductStock stock,
            Reservations reservations,
            BackorderQueue queue,
            Allocator allocator,
            PurchaseOrders purchaseOrders,
            Receipts receipts,
            Substitutes substitutes,
            SupplyPlanner planner,
            InventoryProperties properties,
            ApplicationEventPublisher events,
            PlatformTransactionManager transactions,
            Clock clock) {
        this.planner = planner;
        this.properties = properties;
        this.stock = stock;
        this.reservations = reservations;
        this.queue = queue;
        this.allocator = allocator;
        this.purchaseOrders = purchaseOrders;
        this.receipts = receipts;
        this.substitutes = substitutes;
        this.events = events;
        this.transaction = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    public Optional<Product> product(String sku) {
        return stock.find(sku);
    }

    /** The catalog's products of the given SKUs, by SKU; a SKU the catalog does not know is missing from the map. */
    public Map<String, Product> products(Collection<String> skus) {
        return stock.findAll(new HashSet<>(skus)).stream().collect(Collectors.toMap(Product::sku, product -> product));
    }

    /**
     * Takes stock for an order line under its product's row lock: reserves what is on hand, up to the line's
     * quantity, and puts the rest in the SKU's waiting line as the given case, unless the backorder cap (the
     * SKU's own, or what open supply covers plus the configured margin) would be exceeded; then the rest is
     * refused and nothing waits. Every order of a hot SKU queues for that lock until the order's transaction
     * ends, so this takes it with the read and writes only the counts, the reservation and the place in line.
     */
    @Transactional
    public LineStock takeForOrderLine(OrderLineShortfall line) {
        ProductStock.Counts counts = stock.lockCounts(line.sku());
        LineStock taken = reckon(line.sku(), counts, line.quantity()).taken;
        if (taken.reserved() > 0 || taken.waiting() > 0) {
            stock.setCounts(line.sku(), counts.onHand() - taken.reserved(), counts.waitingUnits() + taken.waiting());
        }
        hold(line, taken);
        return taken;
    }

    /**
     * Takes stock for an order line as {@link #takeForOrderLine} does, reckoned from the product's counts read
     * without its row lock: the reservation and the place in line are written now, the counts last, by
     * {@link #confirmOrderLines}. A hot SKU's orders then queue for its row only while one of them confirms
     * and commits, not while it writes its whole order (docs/benchmarks.md, "Intake").
     */
    @Transactional
    public ForeseenLine foreseeOrderLine(OrderLineShortfall line) {
        Reckoning reckoned = reckon(line.sku(), stock.counts(line.sku()), line.quantity());
        hold(line, reckoned.taken);
        return new ForeseenLine(line.sku(), line.quantity(), reckoned.taken, reckoned.capBasis, reckoned.room);
    }

    /**
     * Writes the counts of an order's foreseen lines, SKU by SKU (as every order locks them), each in one update
     * that holds only if the counts still give the line what it was foreseen to get. The caller's transaction
     * holds those rows from here until it commits.
     *
     * @throws StockMovedException when they do not: the caller rolls its transaction back and takes the order's
     *     stock again with {@link #takeForOrderLine}
     */
    @Transactional
    public void confirmOrderLines(List<ForeseenLine> lines) {
        List<ForeseenLine> bySku = new ArrayList<>(lines);
        bySku.sort(Comparator.comparing(line -> line.sku));
        for (ForeseenLine line : bySku) {
            if (!stock.takeIfUnchanged(line)) {
                throw new StockMovedException(line.sku);
            }
        }
    }

    /** What a line gets from a product's counts, and the room in line and cap it was reckoned with. */
    private record Reckoning(LineStock taken, int capBasis, int room) {}

    private Reckoning reckon(String sku, ProductStock.Counts counts, int quantity) {
        int reserved = Math.min(counts.onHand(), quantity);
        int missing = quantity - reserved;
        if (missing == 0) {
            return new Reckoning(new LineStock(reserved, 0, null), 0, 0);
        }
        int capBasis = capBasis(sku, counts);
        int room = backorderRoom(counts, capBasis);
        if (missing <= room) {
            return new Reckoning(new LineStock(reserved, missing, null), capBasis, room);
        }
        String refusal = new BackorderCapExceededException(sku, missing, room).getMessage();
        return new Reckoning(new LineStock(reserved, 0, refusal), capBasis, room);
    }

    /** The line's reservation and its place in the waiting line, as reckoned. */
    private void hold(OrderLineShortfall line, LineStock taken) {
        if (taken.reserved() > 0) {
            reservations.holdForOrderLine(line.sku(), taken.reserved(), line.orderId(), line.lineId());
        }
        if (taken.waiting() > 0) {
            queue.insert(line.caseId(), line.sku(), taken.waiting(), line.orderedAt(), line.shipComplete());
        }
    }

    /** Units arriving stock has set aside for a backorder case so far (and not given back). */
    public int allocatedTo(String caseId) {
        return reservations.allocatedTo(caseId);
    }

    /**
     * Units that may still wait for a SKU: its own backorder cap, or else {@code capBasis}, less the units
     * already waiting (as {@link ProductStock#takeIfUnchanged} checks it). Read under the product's lock, so
     * two orders cannot both fit; read without it, confirmed by that check.
     */
    private static int backorderRoom(ProductStock.Counts counts, int capBasis) {
        int cap = counts.backorderCap() != null ? counts.backorderCap() : capBasis;
        return cap - counts.waitingUnits();
    }

    /**
     * The cap of a SKU without one of its own: what open supply covers plus the configured margin; 0, and
     * nothing read, for a SKU with its own cap.
     */
    private int capBasis(String sku, ProductStock.Counts counts) {
        return counts.backorderCap() != null ? 0 : purchaseOrders.openQuantity(sku) + properties.capMargin();
    }

    /**
     * Puts a backorder in the waiting line, with the default rank until its policy ranks it.
     *
     * @throws BackorderCapExceededException when the cap does not allow it (nothing changed)
     */
    @Transactional
    public void enqueueBackorder(
            String caseId, String sku, int quantity, LocalDateTime orderedAt, boolean shipComplete) {
        ProductStock.Counts counts = stock.lockCounts(sku);
        int room = backorderRoom(counts, capBasis(sku, counts));
        if (quantity > room) {
            throw new BackorderCapExceededException(sku, quantity, room);
        }
        queue.add(caseId, sku, quantity, orderedAt, shipComplete);
    }

    /**
     * Places a waiting case in its line by its policy class (lower is served first; within a class,
     * by order time). Stock already on hand (it arrived after the order was checked, or the case came
     * in through another door) is allocated at once.
     *
     * <p>The product is locked only when there is stock to allocate: a rank changes no total, and a
     * receipt committing meanwhile allocates to the case at either rank. Intake ranks every new case,
     * so on a hot SKU an unconditional lock would queue them all behind each other.
     */
    @Transactional
    public void rank(String caseId, int queueClass) {
        BackorderQueue.Demand demand =
                queue.find(caseId).orElseThrow(() -> new IllegalStateException("no demand " + caseId));
        queue.rank(
                caseId, BackorderQueue.rank(queueClass, queue.orderedAt(caseId).orElseThrow()));
        if (stock.find(demand.sku()).map(Product::onHand).orElse(0) > 0) {
            Product product = stock.lock(demand.sku());
            if (product.onHand() > 0) {
                allocator.allocate(product, 0, null);
            }
        }
    }

    /** The expected date of a waiting case: the open supply that covers it in line, else the lead time. */
    @Transactional(readOnly = true)
    public ExpectedSupply expectedSupplyFor(String caseId) {
        BackorderQueue.Demand demand =
                queue.find(caseId).orElseThrow(() -> new IllegalStateException("no demand " + caseId));
        return planner.forCase(demand);
    }

    /** The expected dates of every case waiting for a SKU, in line order (after supply or ranks changed). */
    @Transactional(readOnly = true)
    public Map<String, ExpectedSupply> expectedSupplyOfLine(String sku) {
        return planner.forLine(sku);
    }

    /** Which cases a receipt would serve now, in which order and with how much; changes nothing. */
    @Transactional(readOnly = true)
    public List<ReceiptResult.Allocation> preview(String sku, int quantity) {
        Product product = stock.find(sku).orElseThrow(() -> new UnknownSkuException(sku));
        return allocator.plan(sku, product.onHand() + quantity).stream()
                .map(p -> new ReceiptResult.Allocation(p.demand().caseId(), p.units()))
                .toList();
    }

    /** In-stock products that can stand in for the SKU, with enough units for the quantity. */
    @Transactional(readOnly = true)
    public List<Alternative> alternatives(String sku, int quantity) {
        return substitutes.inStock(sku, quantity);
    }

    /**
     * Takes a backorder out of the waiting line so no further stock goes to it.
     *
     * @return false when it was already filled completely (the line ships; too late to withdraw)
     */
    @Transactional
    public boolean withdrawBackorder(String caseId) {
        BackorderQueue.Demand demand = queue.find(caseId).orElse(null);
        if (demand == null) {
            return true;
        }
        stock.lock(demand.sku());
        // re-read under the product lock: a receipt may have filled it a moment ago
        demand = queue.find(caseId).orElseThrow();
        if (demand.status() == DemandStatus.FILLED) {
            return false;
        }
        queue.withdraw(caseId);
        return true;
    }

    /** How a switch to an alternative went. */
    public enum SwitchResult {
        SWITCHED,
        ALREADY_ALLOCATED,
        ALTERNATIVE_UNAVAILABLE
    }

    /**
     * Takes a backorder out of the waiting line and reserves an alternative product for it instead,
     * or changes nothing and says why not. Both products are locked in SKU order, so two switches in
     * opposite directions cannot deadlock.
     */
    @Transactional
    public SwitchResult switchToAlternative(String caseId, String alternativeSku, int quantity) {
        BackorderQueue.Demand demand =
                queue.find(caseId).orElseThrow(() -> new IllegalStateException("no demand " + caseId));
        Product alternative = null;
        for (String sku : new TreeSet<>(List.of(demand.sku(), alternativeSku))) {
            Product locked = stock.lock(sku);
            if (sku.equals(alternativeSku)) {
                alternative = locked;
            }
        }
        demand = queue.find(caseId).orElseThrow();
        if (demand.status() == DemandStatus.FILLED) {
            return SwitchResult.ALREADY_ALLOCATED;
        }
        if (alternative.onHand() < quantity) {
            return SwitchResult.ALTERNATIVE_UNAVAILABLE;
        }
        queue.withdraw(caseId);
        stock.setOnHand(alternativeSku, alternative.onHand() - quantity);
        reservations.holdForCase(alternativeSku, quantity, caseId, ReservationSource.ALTERNATIVE, null);
        return SwitchResult.SWITCHED;
    }

    /**
     * Releases what receipts allocated to a case that will not ship (cancelled, or switched to an
     * alternative) and serves the next in line with it, so no unit is stranded. Idempotent.
     *
     * @return the units released
     */
    @Transactional
    public int releaseBackorder(String caseId) {
        BackorderQueue.Demand demand = queue.find(caseId).orElse(null);
        if (demand == null) {
            return 0;
        }
        Product product = stock.lock(demand.sku());
        queue.withdraw(caseId);
        int units = reservations.releaseAllocations(caseId);
        if (units > 0) {
            allocator.allocate(product, units, null);
        }
        return units;
    }

    /**
     * Books a stock receipt and serves the waiting line from it. A receipt id seen before changes
     * nothing and answers what the first call did.
     */
    public ReceiptResult receive(String receiptId, String sku, int quantity, String purchaseOrderId) {
        try {
            return transaction.execute(status -> receiveNew(receiptId, sku, quantity, purchaseOrderId));
        } catch (DuplicateKeyException alreadyBooked) {
            return transaction.execute(status -> earlierReceipt(receiptId, sku, quantity));
        }
    }

    private ReceiptResult receiveNew(String receiptId, String sku, int quantity, String purchaseOrderId) {
        if (receipts.find(receiptId).isPresent()) {
            return earlierReceipt(receiptId, sku, quantity);
        }
        Product product = stock.lock(sku);
        if (purchaseOrderId != null) {
            var po = purchaseOrders
                    .lock(purchaseOrderId)
                    .orElseThrow(() -> new InvalidSupplyException(
                            "purchaseOrderId", "unknown purchase order: " + purchaseOrderId));
            if (!po.sku().equals(sku)) {
                throw new InvalidSupplyException(
                        "purchaseOrderId",
                        "purchase order %s is for %s, not %s".formatted(purchaseOrderId, po.sku(), sku));
            }
            purchaseOrders.receive(purchaseOrderId, quantity);
        }
        receipts.record(receiptId, sku, quantity, purchaseOrderId);
        List<StockAllocated> allocations = allocator.allocate(product, quantity, receiptId);
        int left = product.onHand()
                + quantity
                - allocations.stream().mapToInt(StockAllocated::quantity).sum();
        return new ReceiptResult(
                receiptId,
                sku,
                quantity,
                false,
                allocations.stream()
                        .map(a -> new ReceiptResult.Allocation(a.caseId(), a.quantity()))
                        .toList(),
                left);
    }

    private ReceiptResult earlierReceipt(String receiptId, String sku, int quantity) {
        Receipts.Receipt earlier = receipts.find(receiptId).orElseThrow();
        if (!earlier.sku().equals(sku) || earlier.quantity() != quantity) {
            throw new ConflictingRequestException("receipt %s was already booked for %d x %s"
                    .formatted(receiptId, earlier.quantity(), earlier.sku()));
        }
        return new ReceiptResult(
                receiptId,
                sku,
                quantity,
                true,
                receipts.allocations(receiptId),
                stock.find(sku).orElseThrow().onHand());
    }

    /** Creates or replaces a purchase order; waiting cases for the SKU are told when supply changed. */
    @Transactional
    public PurchaseOrderResult savePurchaseOrder(PurchaseOrderCommand command) {
        if (stock.find(command.sku()).isEmpty()) {
            throw new InvalidSupplyException("sku", "unknown SKU: " + command.sku());
        }
        if (!purchaseOrders.supplierExists(command.supplierId())) {
            throw new InvalidSupplyException("supplierId", "unknown supplier: " + command.supplierId());
        }
        var wanted = new PurchaseOrders.PurchaseOrder(
                command.purchaseOrderId(),
                command.sku(),
                command.supplierId(),
                command.quantity(),
                command.expectedDate(),
                command.status());
        var existing = purchaseOrders.lock(command.purchaseOrderId());
        if (existing.isEmpty()) {
            purchaseOrders.insert(wanted);
            if (wanted.status() == PurchaseOrderStatus.OPEN) {
                events.publishEvent(
                        new SupplyChanged(wanted.sku(), wanted.purchaseOrderId(), null, wanted.expectedDate()));
            }
            return result(wanted, true);
        }
        var before = existing.get();
        if (!before.equals(wanted)) {
            purchaseOrders.update(wanted);
            // any change of open supply (date, quantity, status, SKU) may move the dates of waiting cases
            if (!Objects.equals(before.expectedDate(), wanted.expectedDate())
                    || before.status() != wanted.status()
                    || !before.sku().equals(wanted.sku())
                    || before.quantity() != wanted.quantity()) {
                events.publishEvent(new SupplyChanged(
                        wanted.sku(), wanted.purchaseOrderId(), before.expectedDate(), wanted.expectedDate()));
                if (!before.sku().equals(wanted.sku())) {
                    events.publishEvent(
                            new SupplyChanged(before.sku(), wanted.purchaseOrderId(), before.expectedDate(), null));
                }
            }
        }
        return result(wanted, false);
    }

    /** The stored purchase order, if any. */
    @Transactional(readOnly = true)
    public Optional<PurchaseOrderResult> purchaseOrder(String purchaseOrderId) {
        return purchaseOrders.find(purchaseOrderId).map(po -> result(po, false));
    }

    private static PurchaseOrderResult result(PurchaseOrders.PurchaseOrder po, boolean created) {
        return new PurchaseOrderResult(
                po.purchaseOrderId(),
                po.sku(),
                po.supplierId(),
                po.quantity(),
                po.expectedDate(),
                po.status(),
                created);
    }
}
