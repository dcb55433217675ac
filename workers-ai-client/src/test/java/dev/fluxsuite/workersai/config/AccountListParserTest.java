package dev.fluxsuite.workersai.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import dev.fluxsuite.workersai.Account;

class AccountListParserTest {

    @Test
    void readsTheSeedsFormat() {
        var accounts = AccountListParser.parse("CF_ACCOUNT_LIST",
                "[{\"account_id\":\"abc123\",\"token\":\"secret-1\"},{\"account_id\":\"def456\",\"token\":\"secret-2\"}]");

        assertThat(accounts).containsExactly(new Account(0, "abc123", "secret-1"), new Account(1, "def456", "secret-2"));
    }

    @Test
    void accountsNeverPrintTheirTokenOrId() {
        Account account = new Account(3, "abc123", "secret-token-value");

        assertThat(account.toString()).isEqualTo("account #3").doesNotContain("secret", "abc123");
    }

    @Test
    void invalidJsonSaysWhereWithoutEchoingTheText() {
        assertThatThrownBy(() -> AccountListParser.parse("CF_ACCOUNT_LIST", "[{\"account_id\":\"a\",\"token\":\"secret-xyz\""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CF_ACCOUNT_LIST is not valid JSON")
                .hasMessageNotContaining("secret-xyz");
    }

    @Test
    void missingTokenNamesTheEntry() {
        assertThatThrownBy(() -> AccountListParser.parse("CF_ACCOUNT_LIST",
                "[{\"account_id\":\"a\",\"token\":\"t\"},{\"account_id\":\"b\"}]"))
                .hasMessage("CF_ACCOUNT_LIST entry 1 has no token (a non-empty string)");
    }

    @Test
    void objectInsteadOfArrayIsRefused() {
        assertThatThrownBy(() -> AccountListParser.parse("CF_ACCOUNT_LIST", "{\"account_id\":\"a\",\"token\":\"t\"}"))
                .hasMessageContaining("must be a non-empty JSON array");
    }

    @Test
    void accountIdThatCouldEscapeThePathIsRefused() {
        assertThatThrownBy(() -> AccountListParser.parse("CF_ACCOUNT_LIST", "[{\"account_id\":\"../x\",\"token\":\"t\"}]"))
                .hasMessageContaining("entry 0: account_id may hold only");
    }

    @Test
    void repeatedAccountIsRefused() {
        assertThatThrownBy(() -> AccountListParser.parse("CF_ACCOUNT_LIST",
                "[{\"account_id\":\"a\",\"token\":\"t1\"},{\"account_id\":\"a\",\"token\":\"t2\"}]"))
                .hasMessageContaining("entry 1 repeats");
    }
}
