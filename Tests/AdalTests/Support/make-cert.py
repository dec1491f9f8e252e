"""Makes a throwaway CA and a certificate for localhost signed by it (trustme), for STARTTLS tests.

Usage: make-cert.py FOLDER  -> FOLDER/ca.pem, FOLDER/server.pem (chain), FOLDER/server.key
"""
import os, sys
import trustme

folder = sys.argv[1]
os.makedirs(folder, exist_ok=True)
ca = trustme.CA()
server = ca.issue_cert("localhost", "127.0.0.1")
ca.cert_pem.write_to_path(os.path.join(folder, "ca.pem"))
server.private_key_pem.write_to_path(os.path.join(folder, "server.key"))
with open(os.path.join(folder, "server.pem"), "wb") as out:
    for blob in server.cert_chain_pems:
        out.write(blob.bytes())
