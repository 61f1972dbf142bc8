package io.corridor.api.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

/** Only signing keys of the accepted algorithms are kept from a provider's JWKS. */
class JwksKeysTest {

  @Test
  void encryptionSymmetricAndForeignKeysAreLeftOut() {
    // The shape of Keycloak 26's realm JWKS: one RS256 signing key and one RSA-OAEP encryption key.
    JsonObject jwks = new JsonObject("""
        {"keys":[
          {"kid":"sig-1","kty":"RSA","alg":"RS256","use":"sig","n":"AQAB","e":"AQAB"},
          {"kid":"enc-1","kty":"RSA","alg":"RSA-OAEP","use":"enc","n":"AQAB","e":"AQAB"},
          {"kid":"hs","kty":"oct","alg":"HS256","k":"c2VjcmV0"},
          {"kid":"ps","kty":"RSA","alg":"PS256","n":"AQAB","e":"AQAB"},
          {"kid":"ec-384","kty":"EC","crv":"P-384","x":"AA","y":"AA"},
          {"kid":"ec-256","kty":"EC","crv":"P-256","x":"AA","y":"AA"},
          {"kid":"rsa-no-alg","kty":"RSA","n":"AQAB","e":"AQAB"}
        ]}""");
    assertThat(JwksKeys.signingKeys(jwks)).extracting(k -> k.getString("kid") + "/" + k.getString("alg"))
        .containsExactly("sig-1/RS256", "ec-256/ES256", "rsa-no-alg/RS256");
  }

  @Test
  void aDocumentWithoutKeysIsRefused() {
    assertThatThrownBy(() -> JwksKeys.signingKeys(new JsonObject("{\"issuer\":\"x\"}"))).hasMessageContaining("keys");
  }
}
