package org.seedscope.files;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Sha256Test {
    @Test
    void hexIsTheStandardDigestInLowerCase() {
        // FIPS 180-2, appendix B.1: SHA-256("abc")
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)));
        java.security.MessageDigest inParts = Sha256.digest();
        inParts.update("a".getBytes(StandardCharsets.US_ASCII));
        inParts.update("bc".getBytes(StandardCharsets.US_ASCII));
        assertEquals(Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)),
                java.util.HexFormat.of().formatHex(inParts.digest()), "a digest fed in parts gives the same hash");
    }
}
