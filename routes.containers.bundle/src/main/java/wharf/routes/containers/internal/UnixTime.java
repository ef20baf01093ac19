package wharf.routes.containers.internal;

import wharf.engine.api.InvalidParameterError;

/**
 * moby's {@code timestamp.ParseUnixTimestamp} for logs' {@code since} and {@code until}: Unix
 * seconds with an optional fraction of up to 20 digits ({@code 1700000000.123456789}), cut or
 * padded to nanoseconds.
 */
final class UnixTime {
    private static final int NANO_DIGITS = 9;
    private static final int MAX_FRACTION_DIGITS = 20;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private UnixTime() {
    }

    /**
     * The value in Unix nanoseconds; 0 when empty (and, as moby reads {@code until}, for "0").
     *
     * @param parameter the parameter's name, for the message of a malformed value
     */
    static long nanos(String parameter, String value) {
        if (value.isEmpty()) {
            return 0;
        }
        int dot = value.indexOf('.');
        String seconds = dot < 0 ? value : value.substring(0, dot);
        String fraction = dot < 0 ? "" : value.substring(dot + 1);
        long sec;
        try {
            sec = Long.parseLong(seconds);
        } catch (NumberFormatException e) {
            String reason = seconds.matches("[+-]?\\d+") ? "value out of range" : "invalid syntax";
            throw invalid(parameter, value, "invalid seconds \"" + seconds + "\": " + reason);
        }
        if (fraction.length() > MAX_FRACTION_DIGITS) {
            throw invalid(parameter, value, "invalid nanoseconds: length " + fraction.length()
                    + " exceeds maximum " + MAX_FRACTION_DIGITS);
        }
        for (int i = 0; i < fraction.length(); i++) {
            char c = fraction.charAt(i);
            if (c < '0' || c > '9') {
                throw invalid(parameter, value, "invalid nanoseconds: invalid character '" + c + "' at position " + i);
            }
        }
        String nineDigits = fraction.length() >= NANO_DIGITS ? fraction.substring(0, NANO_DIGITS)
                : fraction + "0".repeat(NANO_DIGITS - fraction.length());
        try {
            return Math.addExact(Math.multiplyExact(sec, NANOS_PER_SECOND), Long.parseLong(nineDigits));
        } catch (ArithmeticException e) {
            throw invalid(parameter, value, "out of range");
        }
    }

    private static InvalidParameterError invalid(String parameter, String value, String reason) {
        return new InvalidParameterError("invalid value for \"" + parameter + "\": invalid timestamp \"" + value
                + "\": " + reason);
    }
}
