package io.rcmos.server.runs;

/**
 * NPI check digit: Luhn over the 9-digit identifier prefixed with the card-issuer constant 80840
 * (CMS, "NPI check digit" — equivalently, add 24 to the Luhn sum of the 9 digits).
 */
final class Npi {

    private Npi() {
    }

    static boolean isValid(String npi) {
        if (npi == null || npi.length() != 10) {
            return false;
        }
        int sum = 24;
        for (int i = 8; i >= 0; i--) {
            char c = npi.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
            int d = c - '0';
            if ((8 - i) % 2 == 0) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
        }
        char check = npi.charAt(9);
        if (check < '0' || check > '9') {
            return false;
        }
        return (10 - sum % 10) % 10 == check - '0';
    }
}
