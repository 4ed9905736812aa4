package io.iotsim.deploy;

import java.io.FileInputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed certificate for 127.0.0.1, made with the JDK's keytool for one test: a PKCS12 key
 * store for the server and the certificate as PEM, which Kubernetes API discovery trusts the way a
 * pod trusts its cluster's CA (/var/run/secrets/kubernetes.io/serviceaccount/ca.crt).
 */
record SelfSignedCert(Path keyStore, Path certificatePem, char[] password) {

  static SelfSignedCert create(Path dir) throws Exception {
    Path ks = dir.resolve("api.p12");
    Path pem = dir.resolve("ca.crt");
    String pass = "changeit-" + Long.toHexString(System.nanoTime());
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Repo.run(
        List.of(
            keytool,
            "-genkeypair",
            "-alias",
            "api",
            "-keyalg",
            "RSA",
            "-keysize",
            "2048",
            "-validity",
            "2",
            "-dname",
            "CN=fake-kubernetes-api",
            "-ext",
            "SAN=ip:127.0.0.1",
            "-ext",
            "BC:c=ca:true",
            "-storetype",
            "PKCS12",
            "-keystore",
            ks.toString(),
            "-storepass",
            pass,
            "-keypass",
            pass,
            "-noprompt"));
    Repo.run(
        List.of(
            keytool,
            "-exportcert",
            "-rfc",
            "-alias",
            "api",
            "-keystore",
            ks.toString(),
            "-storepass",
            pass,
            "-file",
            pem.toString()));
    return new SelfSignedCert(ks, pem, pass.toCharArray());
  }

  SSLContext serverContext() throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = new FileInputStream(keyStore.toFile())) {
      store.load(in, password);
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, password);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    return ctx;
  }
}
