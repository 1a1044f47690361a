package dev.pim.local.iam;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyTextTest {

    @Test
    void encodesEverythingButTheRfc3986UnreservedCharacters() {
        assertThat(PolicyText.urlEncode("aZ09-_.~")).isEqualTo("aZ09-_.~");
        assertThat(PolicyText.urlEncode("{\"s\": \"a/b*c+d\"}\n")).isEqualTo("%7B%22s%22%3A%20%22a%2Fb%2Ac%2Bd%22%7D%0A");
        assertThat(PolicyText.urlEncode("é")).isEqualTo("%C3%A9");
    }

    @Test
    void chargesWhitespaceOnlyInsideStringsAndFollowsEscapedQuotes() {
        assertThat(PolicyText.chargedLength("{ \"a\" :\n\t\"b c\" }")).isEqualTo("{\"a\":\"b c\"}".length());
        // The escaped quote does not end the string, so the spaces after it are still inside and count.
        assertThat(PolicyText.chargedLength("{\"a\":\"x\\\"  y\"}")).isEqualTo("{\"a\":\"x\\\"  y\"}".length());
        assertThat(PolicyText.chargedLength("{\"a\":\"x\\\\\"  }")).isEqualTo("{\"a\":\"x\\\\\"}".length());
    }
}
