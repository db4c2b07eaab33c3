package io.ferrymq.common.security;

import io.ferrymq.common.config.ConfigException;
import java.io.ByteArrayInputStream;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Loads the {@link SslSettings.Store}s into JDK {@link KeyStore}s: {@code JKS} and {@code PKCS12}
 * files with their password, and {@code PEM} (X.509 certificates and a PKCS#8 private key,
 * encrypted or not, as Kafka accepts) from a file or inline text, put into an in-memory PKCS12
 * store. A store that cannot be read fails with a {@link ConfigException} naming the key at fault.
 *
 * <p>Stateless and thread-safe.
 */
final class KeyStores {

    /** The password of the in-memory stores built from PEM (never leaves this process). */
    static final char[] PEM_STORE_PASSWORD = "pem".toCharArray();
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

    private KeyStores() {
    }

    /** A problem with the value of {@code key}, its message starting with the key. */
    static ConfigException problem(String key, String message) {
        return new ConfigException(key, key + ": " + message);
    }

    /** The key store of {@code store}; {@code keyPassword} decrypts an encrypted PEM key. */
    static KeyStore keyStore(SslSettings.Store store, Optional<String> keyPassword, String locationKey) {
        if (!store.isPem()) {
            return load(store, locationKey);
        }
        String pem = pemText(store, locationKey);
        List<Certificate> chain = certificates(pem, locationKey);
        String keyText = store.pemKey().orElse(pem);
        PrivateKey key = privateKey(keyText, keyPassword, locationKey);
        try {
            KeyStore keyStore = emptyStore();
            keyStore.setKeyEntry("key", key, PEM_STORE_PASSWORD, chain.toArray(Certificate[]::new));
            return keyStore;
        } catch (GeneralSecurityException e) {
            throw problem(locationKey, "the PEM key does not match its certificate chain: " + e.getMessage());
        }
    }

    /** The trust store of {@code store}. */
    static KeyStore trustStore(SslSettings.Store store, String locationKey) {
        if (!store.isPem()) {
            return load(store, locationKey);
        }
        List<Certificate> certificates = certificates(pemText(store, locationKey), locationKey);
        try {
            KeyStore trustStore = emptyStore();
            for (int i = 0; i < certificates.size(); i++) {
                trustStore.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            return trustStore;
        } catch (GeneralSecurityException e) {
            throw problem(locationKey, "cannot hold the PEM certificates: " + e.getMessage());
        }
    }

    private static KeyStore load(SslSettings.Store store, String locationKey) {
        Path file = Path.of(store.location().orElseThrow(() -> problem(locationKey,
                locationKey + " must be set for a " + store.type() + " store")));
        char[] password = store.password().map(String::toCharArray).orElse(null);
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore keyStore = KeyStore.getInstance(store.type());
            keyStore.load(in, password);
            return keyStore;
        } catch (IOException | GeneralSecurityException e) {
            throw problem(locationKey, "cannot read the " + store.type() + " store " + file + ": " + e);
        }
    }

    private static String pemText(SslSettings.Store store, String locationKey) {
        if (store.pemCertificates().isPresent()) {
            return store.pemCertificates().get();
        }
        Path file = Path.of(store.location().orElseThrow());
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw problem(locationKey, "cannot read the PEM file " + file + ": " + e);
        }
    }

    private static List<Certificate> certificates(String pem, String key) {
        List<Certificate> out = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (byte[] der : blocks(pem, "CERTIFICATE")) {
                out.add(factory.generateCertificate(new ByteArrayInputStream(der)));
            }
        } catch (GeneralSecurityException e) {
            throw problem(key, "a PEM certificate cannot be parsed: " + e.getMessage());
        }
        if (out.isEmpty()) {
            throw problem(key, "no -----BEGIN CERTIFICATE----- block found in the PEM text");
        }
        return out;
    }

    private static PrivateKey privateKey(String pem, Optional<String> password, String key) {
        List<byte[]> plain = blocks(pem, "PRIVATE KEY");
        List<byte[]> encrypted = blocks(pem, "ENCRYPTED PRIVATE KEY");
        if (plain.size() + encrypted.size() != 1) {
            throw problem(key, "expected exactly one PKCS#8 -----BEGIN [ENCRYPTED] PRIVATE KEY----- "
                    + "block in the PEM text, found " + (plain.size() + encrypted.size()));
        }
        try {
            byte[] pkcs8 = plain.isEmpty() ? decrypt(encrypted.get(0), password, key) : plain.get(0);
            return decodeKey(pkcs8);
        } catch (GeneralSecurityException | IOException e) {
            throw problem(key, "the PEM private key cannot be read: " + e.getMessage());
        }
    }

    private static byte[] decrypt(byte[] der, Optional<String> password, String key)
            throws GeneralSecurityException, IOException {
        char[] secret = password.orElseThrow(() -> problem(SslConfigKeys.SSL_KEY_PASSWORD,
                "the PEM private key of " + key + " is encrypted: set " + SslConfigKeys.SSL_KEY_PASSWORD)).toCharArray();
        EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
        SecretKeyFactory factory = SecretKeyFactory.getInstance(info.getAlgName());
        Cipher cipher = Cipher.getInstance(info.getAlgName());
        cipher.init(Cipher.DECRYPT_MODE, factory.generateSecret(new PBEKeySpec(secret)), info.getAlgParameters());
        return info.getKeySpec(cipher).getEncoded();
    }

    private static PrivateKey decodeKey(byte[] pkcs8) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC", "DSA", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    /** The DER bytes of each {@code -----BEGIN <label>-----} block, in order. */
    static List<byte[]> blocks(String pem, String label) {
        List<byte[]> out = new ArrayList<>();
        Matcher matcher = PEM_BLOCK.matcher(pem);
        while (matcher.find()) {
            if (matcher.group(1).equals(label)) {
                out.add(Base64.getMimeDecoder().decode(matcher.group(2)));
            }
        }
        return out;
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try {
            keyStore.load(null, null);
        } catch (IOException e) {
            throw new GeneralSecurityException(e);
        }
        return keyStore;
    }
}
