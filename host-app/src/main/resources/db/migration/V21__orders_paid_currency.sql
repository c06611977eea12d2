-- The currency a payment status named, beside its amount: Meta's payment webhook carries both, and
-- a payment in another currency than the order's (or of another amount than its total) is shown as
-- not matching the order. NULL for payments recorded before this column. Written so that running
-- it again changes nothing.
ALTER TABLE orders ADD COLUMN IF NOT EXISTS paid_currency VARCHAR(3);
