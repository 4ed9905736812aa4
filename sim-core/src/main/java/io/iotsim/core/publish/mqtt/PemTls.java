package io.iotsim.core.publish.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * Trust and key managers from PEM files, the format brokers and their CAs hand out (Mosquitto's
 * cafile/certfile/keyfile), so users need no keytool step. Keys must be unencrypted PKCS#8 ({@code
 * BEGIN PRIVATE KEY}, what {@code openssl genpkey} and OpenSSL 3 write).
 */
final class PemTls {

  private static final char[] NO_PASSWORD = new char[0];

  private PemTls() {}

  static TrustManagerFactory trustManagers(String caCertPath) {
    try (InputStream in = Files.newInputStream(Path.of(caCertPath))) {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        store.setCertificateEntry("ca-" + i++, cert);
      }
      if (i == 0) {
        throw new IllegalArgumentException("mqtt.tls.ca-cert holds no certificate: " + caCertPath);
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return factory;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "mqtt.tls.ca-cert cannot be read: " + caCertPath + ": " + e.getMessage(), e);
    }
  }

  static KeyManagerFactory keyManagers(String certPath, String keyPath) {
    try (InputStream in = Files.newInputStream(Path.of(certPath))) {
      Collection<? extends Certificate> chain =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (chain.isEmpty()) {
        throw new IllegalArgumentException(
            "mqtt.tls.client-cert holds no certificate: " + certPath);
      }
      PrivateKey key = privateKey(keyPath);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(Certificate[]::new));
      KeyManagerFactory factory =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      factory.init(store, NO_PASSWORD);
      return factory;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "mqtt.tls.client-cert / client-key cannot be read: " + e.getMessage(), e);
    }
  }

  private static PrivateKey privateKey(String keyPath) throws IOException {
    String pem = Files.readString(Path.of(keyPath), StandardCharsets.US_ASCII);
    if (!pem.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new IllegalArgumentException(
          "mqtt.tls.client-key must be an unencrypted PKCS#8 PEM key (BEGIN PRIVATE KEY); convert"
              + " with: openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pk8.pem");
    }
    String base64 =
        pem.substring(
                pem.indexOf("-----BEGIN PRIVATE KEY-----") + 27,
                pem.indexOf("-----END PRIVATE KEY-----"))
            .replaceAll("\\s", "");
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64));
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // not this algorithm; try the next
      }
    }
    throw new IllegalArgumentException(
        "mqtt.tls.client-key: unsupported key algorithm: " + keyPath);
  }
}
