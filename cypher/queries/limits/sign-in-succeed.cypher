// The right password: the backoff of these keys starts over.
UNWIND $keys AS key
MATCH (f:SignInFailure {key: key})
DELETE f
