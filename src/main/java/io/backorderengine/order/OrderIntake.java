package io.backorderengine.order;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.backorderengine.backorder.BackorderCases;
import io.backorderengine.backorder.OpenCase;
import io.backorderengine.inventory.ForeseenLine;
import io.backorderengine.inventory.Inventory;
import io.backorderengine.inventory.LineStock;
import io.backorderengine.inventory.OrderLineShortfall;
import io.backorderengine.inventory.Product;
import io.backorderengine.inventory.StockMovedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes an order in: per line, reserves what is in stock and opens a backorder case for the rest.
 * Placing the same order again answers the first result; the order id's primary key makes sure two
 * identical requests at the same moment start nothing twice.
 */
@Service
class OrderIntake {

    private static final Logger log = LoggerFactory.getLogger(OrderIntake.class);

    record Placed(OrderView order, boolean created) {}

    private final OrderRepository orders;
    private final Inventory inventory;
    private final BackorderCases backorders;
    private final TransactionTemplate transaction;
    private final ObjectMapper json;
    private final Clock clock;
    private final Counter placedAgain;

    OrderIntake(
            OrderRepository orders,
            Inventory inventory,
            BackorderCases backorders,
            PlatformTransactionManager transactions,
            ObjectMapper json,
            Clock clock,
            MeterRegistry metrics) {
        this.orders = orders;
        this.inventory = inventory;
        this.backorders = backorders;
        this.transaction = new TransactionTemplate(transactions);
        this.json = json;
        this.clock = clock;
        this.placedAgain = Counter.builder("backorder.intake.placed.again")
                .description("orders placed again under their products' locks: another order took the last units"
                        + " or the last places in line while they were written (this node)")
                .register(metrics);
    }

    Placed place(PlaceOrderRequest request) {
        String hash = hash(request);
        Optional<Placed> earlier = earlier(request.orderId(), hash);
        if (earlier.isPresent()) {
            backorders.startUnstarted(request.orderId());
            return earlier.get();
        }
        Map<String, Product> products = validate(request);
        List<String> opened = new ArrayList<>();
        try {
            placeInOneTransaction(request, hash, products, opened);
        } catch (DuplicateKeyException placedConcurrently) {
            return earlier(request.orderId(), hash).orElseThrow(() -> placedConcurrently);
        }
        // after commit, outside the order's transaction and its product locks, and after the answer: the
        // order system needs the order's outcome now, the engine's work can follow
        backorders.startSoon(opened);
        return new Placed(orders.find(request.orderId()).orElseThrow().view(), true);
    }

    Optional<OrderView> find(String orderId) {
        return orders.find(orderId).map(OrderRepository.StoredOrder::view);
    }

    private Optional<Placed> earlier(String orderId, String hash) {
        return orders.find(orderId).map(stored -> {
            if (!stored.requestHash().equals(hash)) {
                throw new OrderConflictException(orderId);
            }
            return new Placed(stored.view(), false);
        });
    }

    /**
     * Every order of a hot SKU waits for that product's row lock until the order's transaction commits. So an
     * order is first written from its products' counts read without the locks, and the counts are written
     * last, each in an update that holds only if they still give every line what it was reckoned to get: the
     * row is locked only from there to commit. (Locked as each line took its stock, the benchmark's orders, which
     * share one in-stock SKU, spent 18 to 21 ms of database time each waiting for product rows; docs/benchmarks.md,
     * "Intake".) When another order took the last units or
     * the last places in line meanwhile, this one is rolled back and placed again with each line locking its
     * product as it takes its stock, as every order did before.
     */
    private void placeInOneTransaction(
            PlaceOrderRequest request, String hash, Map<String, Product> products, List<String> opened) {
        try {
            transaction.executeWithoutResult(status -> placeNew(request, hash, products, opened, true));
        } catch (StockMovedException | PessimisticLockingFailureException moved) {
            log.debug("Order {} placed again under its products' locks: {}", request.orderId(), moved.getMessage());
            placedAgain.increment();
            opened.clear();
            transaction.executeWithoutResult(status -> placeNew(request, hash, products, opened, false));
        }
    }

    /**
     * Stores the order and takes its stock, from counts read without the products' locks and confirmed at the
     * end ({@code foreseen}), or under each product's lock as a line takes it. All that does not need the
     * stock (checks, prices) comes before, and the order's answer is read after commit.
     */
    private void placeNew(
            PlaceOrderRequest request,
            String hash,
            Map<String, Product> products,
            List<String> opened,
            boolean foreseen) {
        LocalDateTime placedAt = LocalDateTime.now(clock);
        orders.insertOrder(request, hash, placedAt);
        List<PlaceOrderRequest.Line> lines = request.lines();
        // Lines are handled in SKU order so that two orders lock the same products in the same order.
        List<Integer> bySku = IntStream.range(0, lines.size())
                .boxed()
                .sorted(Comparator.comparing(i -> lines.get(i).sku()))
                .toList();
        List<ForeseenLine> toConfirm = new ArrayList<>();
        for (int i : bySku) {
            PlaceOrderRequest.Line line = lines.get(i);
            Product product = products.get(line.sku());
            String caseId = OpenCase.caseId(request.orderId(), line.lineId());
            OrderLineShortfall shortfall = new OrderLineShortfall(
                    request.orderId(),
                    line.lineId(),
                    line.sku(),
                    line.quantity(),
                    caseId,
                    placedAt,
                    request.shipsComplete());
            LineStock taken;
            if (foreseen) {
                ForeseenLine foreseenLine = inventory.foreseeOrderLine(shortfall);
                toConfirm.add(foreseenLine);
                taken = foreseenLine.taken();
            } else {
                taken = inventory.takeForOrderLine(shortfall);
            }
            if (taken.waiting() > 0) {
                backorders.open(openCase(request, line, taken.waiting(), product, placedAt));
                opened.add(caseId);
            }
            orders.insertLine(
                    request.orderId(),
                    i,
                    line,
                    taken.reserved(),
                    taken.waiting(),
                    product.unitPrice(),
                    LineOutcome.of(line.quantity(), taken.reserved(), taken.refused()),
                    taken.waiting() > 0 ? caseId : null,
                    taken.refusal());
        }
        inventory.confirmOrderLines(toConfirm);
        log.info("Order {} placed: {} line(s)", request.orderId(), lines.size());
    }

    private static OpenCase openCase(
            PlaceOrderRequest request,
            PlaceOrderRequest.Line line,
            int missing,
            Product product,
            LocalDateTime placedAt) {
        PlaceOrderRequest.Customer customer = request.customer();
        return new OpenCase(
                request.orderId(),
                line.lineId(),
                line.sku(),
                line.quantity(),
                missing,
                product.unitPrice(),
                new OpenCase.Customer(
                        customer.id(),
                        customer.name(),
                        blankToNull(customer.email()),
                        blankToNull(customer.phone()),
                        customer.tier().name(),
                        customer.languageOrDefault(),
                        customer.timeZoneOrDefault()),
                placedAt,
                request.shipsComplete());
    }

    /** Checks what the request's shape cannot say; returns the products of its lines, by SKU. */
    private Map<String, Product> validate(PlaceOrderRequest request) {
        PlaceOrderRequest.Customer customer = request.customer();
        if ((customer.email() == null || customer.email().isBlank())
                && (customer.phone() == null || customer.phone().isBlank())) {
            throw new InvalidOrderException(
                    "customer.email", "is required (or a phone number, for customers without email)");
        }
        try {
            ZoneId.of(customer.timeZoneOrDefault());
        } catch (DateTimeException e) {
            throw new InvalidOrderException("customer.timeZone", "is not a known time zone: " + customer.timeZone());
        }
        Set<String> lineIds = new HashSet<>();
        for (int i = 0; i < request.lines().size(); i++) {
            if (!lineIds.add(request.lines().get(i).lineId())) {
                throw new InvalidOrderException(
                        "lines[%d].lineId".formatted(i),
                        "duplicate line id " + request.lines().get(i).lineId());
            }
        }
        Map<String, Product> products = inventory.products(
                request.lines().stream().map(PlaceOrderRequest.Line::sku).toList());
        for (int i = 0; i < request.lines().size(); i++) {
            if (!products.containsKey(request.lines().get(i).sku())) {
                throw new InvalidOrderException(
                        "lines[%d].sku".formatted(i),
                        "unknown SKU " + request.lines().get(i).sku());
            }
        }
        return products;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** A fingerprint of the order's content, independent of JSON formatting. */
    private String hash(PlaceOrderRequest request) {
        try {
            byte[] canonical = json.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("could not fingerprint order " + request.orderId(), e);
        }
    }
}
