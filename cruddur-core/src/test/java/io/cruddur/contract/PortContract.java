package io.cruddur.contract;

/**
 * The whole port contract: every case a backend of the ports must honour. A backend's test class implements this
 * one interface and supplies the factory; a new contract joins here, once.
 */
public interface PortContract extends BasicPortsContract, EdgeContract, EcsContract, AutoScalingContract {}
