package io.backorderengine.system;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Text a person typed, as it may be stored and put in an email: no control characters (NUL, escape,
 * the C1 range), no bidirectional overrides or isolates (which make "moc.elpmaxe@" read as
 * "@example.com"), no lone surrogates. Line breaks and tabs only where the text may span lines.
 */
@Documented
@Constraint(validatedBy = PlainText.Validator.class)
@Target({
    ElementType.FIELD,
    ElementType.PARAMETER,
    ElementType.RECORD_COMPONENT,
    ElementType.TYPE_USE,
    ElementType.METHOD
})
@Retention(RetentionPolicy.RUNTIME)
public @interface PlainText {

    String message() default "must not contain control or bidirectional-override characters";

    /** Whether line breaks and tabs are allowed (a free-text reason, not a name). */
    boolean multiline() default false;

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Bean Validation for {@link PlainText}, and the same check for code that has no annotation to hang it on. */
    class Validator implements ConstraintValidator<PlainText, String> {

        private boolean multiline;

        /** Whether the text holds a character {@link PlainText} refuses; null is fine. */
        public static boolean hasControlCharacters(String text, boolean multiline) {
            if (text == null) {
                return false;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (multiline && (c == '\n' || c == '\r' || c == '\t')) {
                    continue;
                }
                if (c < 0x20
                        || (c >= 0x7f && c <= 0x9f)
                        || (c >= 0x202a && c <= 0x202e)
                        || (c >= 0x2066 && c <= 0x2069)
                        || c == 0x2028
                        || c == 0x2029) {
                    return true;
                }
                if (Character.isHighSurrogate(c)
                        && i + 1 < text.length()
                        && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public void initialize(PlainText annotation) {
            multiline = annotation.multiline();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return !hasControlCharacters(value, multiline);
        }
    }
}
