/* Memory layout every runner gives a benchmark loop (see the loops' contract in alu.S). */
#define CODE_BASE 0x10000000UL
#define DATA_BASE 0x20000000UL
#define DATA_SIZE 0x10000UL
#define STACK_BASE 0x30000000UL
#define STACK_SIZE 0x10000UL
