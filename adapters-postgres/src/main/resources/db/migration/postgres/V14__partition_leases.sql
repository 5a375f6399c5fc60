-- Issue 15 part 3: each subscription is split into partitions by lane, and each partition is held by one process at a
-- time through a lease with a fencing token (ADR 0034). The token rises at every fresh claim (free, released or
-- lapsed); every write a partition makes as its owner checks, in its own transaction, that the lease row still carries
-- the token it holds (a row lock FOR SHARE, so no claim commits between the check and the write).

-- How many partitions each subscription is split into: the same in every process, or a process refuses to start.
CREATE TABLE eventstore.subscription_partitions (
  subscription text        PRIMARY KEY,
  partitions   int         NOT NULL CHECK (partitions BETWEEN 1 AND 256),
  recorded_at  timestamptz NOT NULL DEFAULT now());

-- One row per partition ever claimed. A released lease keeps its owner and token, with expires_at in the past.
CREATE TABLE eventstore.partition_leases (
  subscription text        NOT NULL,
  partition    int         NOT NULL CHECK (partition >= 0),
  owner        text        NOT NULL CHECK (length(owner) BETWEEN 1 AND 200),
  token        bigint      NOT NULL CHECK (token >= 1),
  expires_at   timestamptz NOT NULL,
  claimed_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (subscription, partition));

-- The processes that take part in spreading each subscription's partitions, each alive until its expires_at.
CREATE TABLE eventstore.lease_owners (
  subscription text        NOT NULL,
  owner        text        NOT NULL CHECK (length(owner) BETWEEN 1 AND 200),
  expires_at   timestamptz NOT NULL,
  PRIMARY KEY (subscription, owner));
