package io.backorderengine.backorder;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.DateTimeException;
import java.time.ZoneId;

import io.backorderengine.system.PlainText;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * The formats of an order line's facts, one constraint each, used wherever those facts come in: an order
 * ({@code POST /api/orders}), a case ({@link OpenCase}, whichever door it came through, the engine's REST
 * API included). One definition, so every door checks exactly the same.
 */
public final class CaseFormats {

    private CaseFormats() {}

    /** Ids are URL-safe; a case id is {@code <orderId>-<lineId>}. */
    @Documented
    @Constraint(validatedBy = {})
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @NotBlank
    @Size(max = 64)
    @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "may contain letters, digits and . _ : - only")
    public @interface OrderId {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A line id has no '-', so that a case id splits back unambiguously. */
    @Documented
    @Constraint(validatedBy = {})
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @NotBlank
    @Size(max = 64)
    @Pattern(regexp = "[A-Za-z0-9._:]+", message = "may contain letters, digits and . _ : only")
    public @interface LineId {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A SKU, a customer id: short, required, plain text. */
    @Documented
    @Constraint(validatedBy = {})
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @NotBlank
    @Size(max = 64)
    @PlainText
    public @interface Code {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** A customer's name as emails and forms show it. */
    @Documented
    @Constraint(validatedBy = {})
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @NotBlank
    @Size(max = 200)
    @PlainText
    public @interface Name {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Optional (a phone may stand in), but an address when given. */
    @Documented
    @Constraint(validatedBy = {})
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Email
    @Size(max = 320)
    @PlainText
    public @interface EmailAddress {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    @Documented
    @Constraint(validatedBy = {})
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Size(max = 40)
    @Pattern(regexp = "[0-9+ ()/-]*", message = "may contain digits, spaces and + ( ) / - only")
    public @interface Phone {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Units of a line: at least one, at most 100,000. */
    @Documented
    @Constraint(validatedBy = {})
    @Target({
        ElementType.FIELD,
        ElementType.PARAMETER,
        ElementType.RECORD_COMPONENT,
        ElementType.METHOD,
        ElementType.TYPE_USE
    })
    @Retention(RetentionPolicy.RUNTIME)
    @Positive
    @Max(100_000)
    public @interface Quantity {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** The languages emails and the decision page are written in. */
    @Documented
    @Constraint(validatedBy = {})
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Pattern(regexp = "en|de", message = "must be en or de")
    public @interface Language {
        String message() default "";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** An IANA time zone such as {@code Europe/Berlin}. */
    @Documented
    @Constraint(validatedBy = TimeZone.Validator.class)
    @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
    @Retention(RetentionPolicy.RUNTIME)
    @Size(max = 64)
    public @interface TimeZone {
        String message() default "is not a known time zone";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        /** Null is fine (the default zone applies). */
        class Validator implements ConstraintValidator<TimeZone, String> {
            @Override
            public boolean isValid(String zone, ConstraintValidatorContext context) {
                if (zone == null) {
                    return true;
                }
                try {
                    ZoneId.of(zone);
                    return true;
                } catch (DateTimeException e) {
                    return false;
                }
            }
        }
    }
}
