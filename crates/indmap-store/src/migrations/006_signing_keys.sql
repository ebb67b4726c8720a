-- Exchange files are signed. A database's own signing key lives in `meta` (never in a file it
-- exports); each database heard of keeps the public key its first signed file carried, and the
-- highest write counter a file it signed vouched for.
ALTER TABLE databases ADD COLUMN public_key TEXT;
ALTER TABLE databases ADD COLUMN signed_counter INTEGER;
