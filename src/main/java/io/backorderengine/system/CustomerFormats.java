package io.backorderengine.system;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;

/** Dates and money as a customer reads them in their language (emails and the decision page agree). */
public final class CustomerFormats {

    private static final Currency CURRENCY = Currency.getInstance("EUR");

    private CustomerFormats() {}

    /** The shop's currency: every price in the catalog is in it. */
    public static Currency currency() {
        return CURRENCY;
    }

    /** "3 December 2026" / "3. Dezember 2026". */
    public static String date(LocalDate date, Locale language) {
        return date == null
                ? ""
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG)
                        .withLocale(language)
                        .format(date);
    }

    /** "€59.00" / "59,00 €": a language alone has no number format, so each gets the region the shop sells to. */
    public static String money(BigDecimal amount, Locale language) {
        NumberFormat format = NumberFormat.getCurrencyInstance(
                Locale.forLanguageTag("de".equals(language.getLanguage()) ? "de-DE" : "en-IE"));
        format.setCurrency(CURRENCY);
        return format.format(amount);
    }
}
