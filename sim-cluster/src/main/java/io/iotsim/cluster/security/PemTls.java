package io.iotsim.cluster.security;

import com.typesafe.config.Config;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;

/**
 * A server's TLS from PEM files: its certificate chain and PKCS#8 private key ({@code openssl
 * genpkey} writes that form), and optionally a CA whose certificates clients must present (mutual
 * TLS). Read from a block such as {@code iot-sim.grpc.tls}; files are read once, at start.
 */
public record PemTls(Path certFile, Path keyFile, Optional<Path> clientCaFile) {

  private static final Pattern KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

  /**
   * The block at {@code path} when its {@code enabled} is on.
   *
   * @throws IllegalArgumentException naming the key when a file is missing
   */
  public static Optional<PemTls> from(Config root, String path) {
    Config c = root.getConfig(path);
    if (!c.getBoolean("enabled")) {
      return Optional.empty();
    }
    Path cert = file(c, path, "cert-file");
    Path key = file(c, path, "key-file");
    Optional<Path> ca =
        c.getString("client-ca-file").isBlank()
            ? Optional.empty()
            : Optional.of(file(c, path, "client-ca-file"));
    return Optional.of(new PemTls(cert, key, ca));
  }

  private static Path file(Config c, String path, String key) {
    String name = c.getString(key);
    if (name.isBlank()) {
      throw new IllegalArgumentException(path + "." + key + ": required when TLS is enabled");
    }
    Path p = Path.of(name);
    if (!Files.isReadable(p)) {
      throw new IllegalArgumentException(path + "." + key + ": cannot read " + p);
    }
    return p;
  }

  public boolean mutual() {
    return clientCaFile.isPresent();
  }

  /**
   * The server's context.
   *
   * @throws IllegalArgumentException naming the file that is not a PEM certificate or key
   */
  public SSLContext context() {
    try {
      Certificate[] chain = certificates(certFile).toArray(Certificate[]::new);
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      char[] none = new char[0];
      keys.setKeyEntry("server", privateKey(keyFile), none, chain);
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, none);
      TrustManagerFactory tmf = null;
      if (clientCaFile.isPresent()) {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        int i = 0;
        for (Certificate ca : certificates(clientCaFile.get())) {
          trust.setCertificateEntry("ca-" + i++, ca);
        }
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
      }
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(
          kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "TLS: cannot use " + certFile + " / " + keyFile + ": " + e.getMessage(), e);
    }
  }

  /** A server engine from {@code ctx}: client certificates required when mutual. */
  public SSLEngine engine(SSLContext ctx) {
    SSLEngine engine = ctx.createSSLEngine();
    engine.setUseClientMode(false);
    engine.setNeedClientAuth(mutual());
    return engine;
  }

  private static Collection<? extends Certificate> certificates(Path file)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      if (certs.isEmpty()) {
        throw new IllegalArgumentException(file + ": no PEM certificate in it");
      }
      return certs;
    }
  }

  private static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
    Matcher m = KEY.matcher(Files.readString(file, StandardCharsets.US_ASCII));
    if (!m.find()) {
      throw new IllegalArgumentException(
          file
              + ": no '-----BEGIN PRIVATE KEY-----' (PKCS#8) block; convert with openssl pkcs8"
              + " -topk8 -nocrypt");
    }
    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException wrongAlgorithm) {
        // try the next one
      }
    }
    throw new IllegalArgumentException(file + ": not an RSA, EC or Ed25519 private key");
  }
}
