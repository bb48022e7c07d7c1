# kprobesim ISA corpus: every supported instruction form and operand size, in GNU as
# AT&T syntax. The oracle tier assembles it with `as --64` and checks that our decoder
# and disassembler agree with `objdump -d`; the assembler tier checks that our assembler
# produces the same bytes as GNU as. Only valid encodings belong here.
# The loops over registers and conditions were written out once by a script; edit by hand now.
# Encodings GNU as never chooses (undocumented aliases, reg-reg load forms) are .byte lines at
# the end. DisassemblyOracleTest fails if any OpcodeTable row, at any operand size it can take,
# is missing from this file.
	.text
	.globl corpus_start
corpus_start:

# ---- mov: register to register, every size, every register as source and destination
	mov %al,%bpl
	mov %cl,%sil
	mov %dl,%dil
	mov %bl,%r8b
	mov %spl,%r9b
	mov %bpl,%r10b
	mov %sil,%r11b
	mov %dil,%r12b
	mov %r8b,%r13b
	mov %r9b,%r14b
	mov %r10b,%r15b
	mov %r11b,%al
	mov %r12b,%cl
	mov %r13b,%dl
	mov %r14b,%bl
	mov %r15b,%spl
	mov %ax,%bp
	mov %cx,%si
	mov %dx,%di
	mov %bx,%r8w
	mov %sp,%r9w
	mov %bp,%r10w
	mov %si,%r11w
	mov %di,%r12w
	mov %r8w,%r13w
	mov %r9w,%r14w
	mov %r10w,%r15w
	mov %r11w,%ax
	mov %r12w,%cx
	mov %r13w,%dx
	mov %r14w,%bx
	mov %r15w,%sp
	mov %eax,%ebp
	mov %ecx,%esi
	mov %edx,%edi
	mov %ebx,%r8d
	mov %esp,%r9d
	mov %ebp,%r10d
	mov %esi,%r11d
	mov %edi,%r12d
	mov %r8d,%r13d
	mov %r9d,%r14d
	mov %r10d,%r15d
	mov %r11d,%eax
	mov %r12d,%ecx
	mov %r13d,%edx
	mov %r14d,%ebx
	mov %r15d,%esp
	mov %rax,%rbp
	mov %rcx,%rsi
	mov %rdx,%rdi
	mov %rbx,%r8
	mov %rsp,%r9
	mov %rbp,%r10
	mov %rsi,%r11
	mov %rdi,%r12
	mov %r8,%r13
	mov %r9,%r14
	mov %r10,%r15
	mov %r11,%rax
	mov %r12,%rcx
	mov %r13,%rdx
	mov %r14,%rbx
	mov %r15,%rsp
	mov %ah,%al
	mov %bl,%ah
	mov %ch,%al
	mov %bl,%ch
	mov %dh,%al
	mov %bl,%dh
	mov %bh,%al
	mov %bl,%bh
	mov %ah,%bh

# ---- mov: memory forms, every size, every addressing mode
	mov (%rax),%eax
	mov (%rcx),%eax
	mov (%rsp),%eax
	mov (%rbp),%eax
	mov (%r12),%eax
	mov (%r13),%eax
	mov (%r15),%eax
	mov 0x8(%rax),%eax
	mov -0x8(%rbp),%eax
	mov 0x7f(%rsp),%eax
	mov -0x80(%r12),%eax
	mov 0x12345678(%rbx),%eax
	mov -0x12345678(%r13),%eax
	mov (%rax,%rbx,1),%eax
	mov (%rax,%rcx,2),%eax
	mov 0x10(%rdx,%rsi,4),%eax
	mov -0x20(%rbp,%rdi,8),%eax
	mov (%r8,%r9,1),%eax
	mov 0x100(%r10,%r11,2),%eax
	mov (%rsp,%rbp,1),%eax
	mov (%rbp,%r12,4),%eax
	mov (%r13,%r14,8),%eax
	mov 0x0(,%rax,8),%eax
	mov 0x1000(,%r15,2),%eax
	mov 0x10(%rip),%eax
	mov -0x40(%rip),%eax
	mov 0x12345678,%eax
	mov %fs:0x28,%eax
	mov %gs:(%rax),%eax
	mov %fs:0x10(%rbx,%rcx,4),%eax
	mov %al,(%rax)
	mov (%rax),%bl
	mov %cl,(%rcx)
	mov (%rcx),%spl
	mov %dl,(%rsp)
	mov (%rsp),%bpl
	mov %bl,(%rbp)
	mov (%rbp),%sil
	mov %spl,(%r12)
	mov (%r12),%dil
	mov %bpl,(%r13)
	mov (%r13),%r8b
	mov %sil,(%r15)
	mov (%r15),%r9b
	mov %dil,0x8(%rax)
	mov 0x8(%rax),%r10b
	mov %r8b,-0x8(%rbp)
	mov -0x8(%rbp),%r11b
	mov %r9b,0x7f(%rsp)
	mov 0x7f(%rsp),%r12b
	mov %r10b,-0x80(%r12)
	mov -0x80(%r12),%r13b
	mov %r11b,0x12345678(%rbx)
	mov 0x12345678(%rbx),%r14b
	mov %r12b,-0x12345678(%r13)
	mov -0x12345678(%r13),%r15b
	mov %r13b,(%rax,%rbx,1)
	mov (%rax,%rbx,1),%al
	mov %r14b,(%rax,%rcx,2)
	mov (%rax,%rcx,2),%cl
	mov %r15b,0x10(%rdx,%rsi,4)
	mov 0x10(%rdx,%rsi,4),%dl
	mov %al,-0x20(%rbp,%rdi,8)
	mov -0x20(%rbp,%rdi,8),%bl
	mov %cl,(%r8,%r9,1)
	mov (%r8,%r9,1),%spl
	mov %dl,0x100(%r10,%r11,2)
	mov 0x100(%r10,%r11,2),%bpl
	mov %bl,(%rsp,%rbp,1)
	mov (%rsp,%rbp,1),%sil
	mov %spl,(%rbp,%r12,4)
	mov (%rbp,%r12,4),%dil
	mov %bpl,(%r13,%r14,8)
	mov (%r13,%r14,8),%r8b
	mov %ax,(%rax)
	mov (%rax),%bx
	mov %cx,(%rcx)
	mov (%rcx),%sp
	mov %dx,(%rsp)
	mov (%rsp),%bp
	mov %bx,(%rbp)
	mov (%rbp),%si
	mov %sp,(%r12)
	mov (%r12),%di
	mov %bp,(%r13)
	mov (%r13),%r8w
	mov %si,(%r15)
	mov (%r15),%r9w
	mov %di,0x8(%rax)
	mov 0x8(%rax),%r10w
	mov %r8w,-0x8(%rbp)
	mov -0x8(%rbp),%r11w
	mov %r9w,0x7f(%rsp)
	mov 0x7f(%rsp),%r12w
	mov %r10w,-0x80(%r12)
	mov -0x80(%r12),%r13w
	mov %r11w,0x12345678(%rbx)
	mov 0x12345678(%rbx),%r14w
	mov %r12w,-0x12345678(%r13)
	mov -0x12345678(%r13),%r15w
	mov %r13w,(%rax,%rbx,1)
	mov (%rax,%rbx,1),%ax
	mov %r14w,(%rax,%rcx,2)
	mov (%rax,%rcx,2),%cx
	mov %r15w,0x10(%rdx,%rsi,4)
	mov 0x10(%rdx,%rsi,4),%dx
	mov %ax,-0x20(%rbp,%rdi,8)
	mov -0x20(%rbp,%rdi,8),%bx
	mov %cx,(%r8,%r9,1)
	mov (%r8,%r9,1),%sp
	mov %dx,0x100(%r10,%r11,2)
	mov 0x100(%r10,%r11,2),%bp
	mov %bx,(%rsp,%rbp,1)
	mov (%rsp,%rbp,1),%si
	mov %sp,(%rbp,%r12,4)
	mov (%rbp,%r12,4),%di
	mov %bp,(%r13,%r14,8)
	mov (%r13,%r14,8),%r8w
	mov %eax,(%rax)
	mov (%rax),%ebx
	mov %ecx,(%rcx)
	mov (%rcx),%esp
	mov %edx,(%rsp)
	mov (%rsp),%ebp
	mov %ebx,(%rbp)
	mov (%rbp),%esi
	mov %esp,(%r12)
	mov (%r12),%edi
	mov %ebp,(%r13)
	mov (%r13),%r8d
	mov %esi,(%r15)
	mov (%r15),%r9d
	mov %edi,0x8(%rax)
	mov 0x8(%rax),%r10d
	mov %r8d,-0x8(%rbp)
	mov -0x8(%rbp),%r11d
	mov %r9d,0x7f(%rsp)
	mov 0x7f(%rsp),%r12d
	mov %r10d,-0x80(%r12)
	mov -0x80(%r12),%r13d
	mov %r11d,0x12345678(%rbx)
	mov 0x12345678(%rbx),%r14d
	mov %r12d,-0x12345678(%r13)
	mov -0x12345678(%r13),%r15d
	mov %r13d,(%rax,%rbx,1)
	mov (%rax,%rbx,1),%eax
	mov %r14d,(%rax,%rcx,2)
	mov (%rax,%rcx,2),%ecx
	mov %r15d,0x10(%rdx,%rsi,4)
	mov 0x10(%rdx,%rsi,4),%edx
	mov %eax,-0x20(%rbp,%rdi,8)
	mov -0x20(%rbp,%rdi,8),%ebx
	mov %ecx,(%r8,%r9,1)
	mov (%r8,%r9,1),%esp
	mov %edx,0x100(%r10,%r11,2)
	mov 0x100(%r10,%r11,2),%ebp
	mov %ebx,(%rsp,%rbp,1)
	mov (%rsp,%rbp,1),%esi
	mov %esp,(%rbp,%r12,4)
	mov (%rbp,%r12,4),%edi
	mov %ebp,(%r13,%r14,8)
	mov (%r13,%r14,8),%r8d
	mov %rax,(%rax)
	mov (%rax),%rbx
	mov %rcx,(%rcx)
	mov (%rcx),%rsp
	mov %rdx,(%rsp)
	mov (%rsp),%rbp
	mov %rbx,(%rbp)
	mov (%rbp),%rsi
	mov %rsp,(%r12)
	mov (%r12),%rdi
	mov %rbp,(%r13)
	mov (%r13),%r8
	mov %rsi,(%r15)
	mov (%r15),%r9
	mov %rdi,0x8(%rax)
	mov 0x8(%rax),%r10
	mov %r8,-0x8(%rbp)
	mov -0x8(%rbp),%r11
	mov %r9,0x7f(%rsp)
	mov 0x7f(%rsp),%r12
	mov %r10,-0x80(%r12)
	mov -0x80(%r12),%r13
	mov %r11,0x12345678(%rbx)
	mov 0x12345678(%rbx),%r14
	mov %r12,-0x12345678(%r13)
	mov -0x12345678(%r13),%r15
	mov %r13,(%rax,%rbx,1)
	mov (%rax,%rbx,1),%rax
	mov %r14,(%rax,%rcx,2)
	mov (%rax,%rcx,2),%rcx
	mov %r15,0x10(%rdx,%rsi,4)
	mov 0x10(%rdx,%rsi,4),%rdx
	mov %rax,-0x20(%rbp,%rdi,8)
	mov -0x20(%rbp,%rdi,8),%rbx
	mov %rcx,(%r8,%r9,1)
	mov (%r8,%r9,1),%rsp
	mov %rdx,0x100(%r10,%r11,2)
	mov 0x100(%r10,%r11,2),%rbp
	mov %rbx,(%rsp,%rbp,1)
	mov (%rsp,%rbp,1),%rsi
	mov %rsp,(%rbp,%r12,4)
	mov (%rbp,%r12,4),%rdi
	mov %rbp,(%r13,%r14,8)
	mov (%r13,%r14,8),%r8

# ---- mov: immediates (b0+r, b8+r, c6/c7, movabs)
	mov $0x1,%al
	mov $0x1234,%ax
	mov $0x12345678,%eax
	mov $0x0,%rax
	movabs $0x1122334455667788,%rax
	mov $0x2,%cl
	mov $0x1235,%cx
	mov $0x12345679,%ecx
	mov $0x1,%rcx
	movabs $0x1122334455667789,%rcx
	mov $0x3,%dl
	mov $0x1236,%dx
	mov $0x1234567a,%edx
	mov $0x2,%rdx
	movabs $0x112233445566778a,%rdx
	mov $0x4,%bl
	mov $0x1237,%bx
	mov $0x1234567b,%ebx
	mov $0x3,%rbx
	movabs $0x112233445566778b,%rbx
	mov $0x5,%spl
	mov $0x1238,%sp
	mov $0x1234567c,%esp
	mov $0x4,%rsp
	movabs $0x112233445566778c,%rsp
	mov $0x6,%bpl
	mov $0x1239,%bp
	mov $0x1234567d,%ebp
	mov $0x5,%rbp
	movabs $0x112233445566778d,%rbp
	mov $0x7,%sil
	mov $0x123a,%si
	mov $0x1234567e,%esi
	mov $0x6,%rsi
	movabs $0x112233445566778e,%rsi
	mov $0x8,%dil
	mov $0x123b,%di
	mov $0x1234567f,%edi
	mov $0x7,%rdi
	movabs $0x112233445566778f,%rdi
	mov $0x9,%r8b
	mov $0x123c,%r8w
	mov $0x12345680,%r8d
	mov $0x8,%r8
	movabs $0x1122334455667790,%r8
	mov $0xa,%r9b
	mov $0x123d,%r9w
	mov $0x12345681,%r9d
	mov $0x9,%r9
	movabs $0x1122334455667791,%r9
	mov $0xb,%r10b
	mov $0x123e,%r10w
	mov $0x12345682,%r10d
	mov $0xa,%r10
	movabs $0x1122334455667792,%r10
	mov $0xc,%r11b
	mov $0x123f,%r11w
	mov $0x12345683,%r11d
	mov $0xb,%r11
	movabs $0x1122334455667793,%r11
	mov $0xd,%r12b
	mov $0x1240,%r12w
	mov $0x12345684,%r12d
	mov $0xc,%r12
	movabs $0x1122334455667794,%r12
	mov $0xe,%r13b
	mov $0x1241,%r13w
	mov $0x12345685,%r13d
	mov $0xd,%r13
	movabs $0x1122334455667795,%r13
	mov $0xf,%r14b
	mov $0x1242,%r14w
	mov $0x12345686,%r14d
	mov $0xe,%r14
	movabs $0x1122334455667796,%r14
	mov $0x10,%r15b
	mov $0x1243,%r15w
	mov $0x12345687,%r15d
	mov $0xf,%r15
	movabs $0x1122334455667797,%r15
	mov $-0x1,%rax
	mov $0x7fffffff,%rax
	mov $-0x80000000,%rax
	mov $0xffffffff,%eax
	movb $0x7f,(%rax)
	movb $0x7f,0x78(%rsp)
	movb $0x7f,-0x8(%rbp)
	movb $0x7f,0x10(%rip)
	movb $0x7f,(%r12,%r13,2)
	movw $0x7f,(%rax)
	movw $0x7f,0x78(%rsp)
	movw $0x7f,-0x8(%rbp)
	movw $0x7f,0x10(%rip)
	movw $0x7f,(%r12,%r13,2)
	movl $0x7f,(%rax)
	movl $0x7f,0x78(%rsp)
	movl $0x7f,-0x8(%rbp)
	movl $0x7f,0x10(%rip)
	movl $0x7f,(%r12,%r13,2)
	movq $-0x1,(%rax)
	movq $-0x1,0x78(%rsp)
	movq $-0x1,-0x8(%rbp)
	movq $-0x1,0x10(%rip)
	movq $-0x1,(%r12,%r13,2)

# ---- mov: moffs (a0-a3)
	movabs 0x1122334455667788,%al
	movabs %al,0x1122334455667788
	movabs 0x1122334455667788,%ax
	movabs %ax,0x1122334455667788
	movabs 0x1122334455667788,%eax
	movabs %eax,0x1122334455667788
	movabs 0x1122334455667788,%rax
	movabs %rax,0x1122334455667788

# ---- movzx / movsx / movsxd
	movzbl %al,%ecx
	movzwl %ax,%edx
	movsbq %al,%rbx
	movslq %eax,%rsp
	movzbl %cl,%edx
	movzwl %cx,%ebx
	movsbq %cl,%rsp
	movslq %ecx,%rbp
	movzbl %dl,%ebx
	movzwl %dx,%esp
	movsbq %dl,%rbp
	movslq %edx,%rsi
	movzbl %bl,%esp
	movzwl %bx,%ebp
	movsbq %bl,%rsi
	movslq %ebx,%rdi
	movzbl %spl,%ebp
	movzwl %sp,%esi
	movsbq %spl,%rdi
	movslq %esp,%r8
	movzbl %bpl,%esi
	movzwl %bp,%edi
	movsbq %bpl,%r8
	movslq %ebp,%r9
	movzbl %sil,%edi
	movzwl %si,%r8d
	movsbq %sil,%r9
	movslq %esi,%r10
	movzbl %dil,%r8d
	movzwl %di,%r9d
	movsbq %dil,%r10
	movslq %edi,%r11
	movzbl %r8b,%r9d
	movzwl %r8w,%r10d
	movsbq %r8b,%r11
	movslq %r8d,%r12
	movzbl %r9b,%r10d
	movzwl %r9w,%r11d
	movsbq %r9b,%r12
	movslq %r9d,%r13
	movzbl %r10b,%r11d
	movzwl %r10w,%r12d
	movsbq %r10b,%r13
	movslq %r10d,%r14
	movzbl %r11b,%r12d
	movzwl %r11w,%r13d
	movsbq %r11b,%r14
	movslq %r11d,%r15
	movzbl %r12b,%r13d
	movzwl %r12w,%r14d
	movsbq %r12b,%r15
	movslq %r12d,%rax
	movzbl %r13b,%r14d
	movzwl %r13w,%r15d
	movsbq %r13b,%rax
	movslq %r13d,%rcx
	movzbl %r14b,%r15d
	movzwl %r14w,%eax
	movsbq %r14b,%rcx
	movslq %r14d,%rdx
	movzbl %r15b,%eax
	movzwl %r15w,%ecx
	movsbq %r15b,%rdx
	movslq %r15d,%rbx
	movzbw (%rax),%cx
	movzbl (%rax),%ecx
	movzbq (%rax),%rcx
	movzwl (%rax),%ecx
	movzwq (%rax),%rcx
	movsbw (%rax),%cx
	movsbl (%rax),%ecx
	movsbq (%rax),%rcx
	movswl (%rax),%ecx
	movswq (%rax),%rcx
	movslq (%rax),%rcx
	movzbw 0x10(%rbp),%cx
	movzbl 0x10(%rbp),%ecx
	movzbq 0x10(%rbp),%rcx
	movzwl 0x10(%rbp),%ecx
	movzwq 0x10(%rbp),%rcx
	movsbw 0x10(%rbp),%cx
	movsbl 0x10(%rbp),%ecx
	movsbq 0x10(%rbp),%rcx
	movswl 0x10(%rbp),%ecx
	movswq 0x10(%rbp),%rcx
	movslq 0x10(%rbp),%rcx
	movzbw (%r12,%rax,4),%cx
	movzbl (%r12,%rax,4),%ecx
	movzbq (%r12,%rax,4),%rcx
	movzwl (%r12,%rax,4),%ecx
	movzwq (%r12,%rax,4),%rcx
	movsbw (%r12,%rax,4),%cx
	movsbl (%r12,%rax,4),%ecx
	movsbq (%r12,%rax,4),%rcx
	movswl (%r12,%rax,4),%ecx
	movswq (%r12,%rax,4),%rcx
	movslq (%r12,%rax,4),%rcx
	movzbw 0x10(%rip),%cx
	movzbl 0x10(%rip),%ecx
	movzbq 0x10(%rip),%rcx
	movzwl 0x10(%rip),%ecx
	movzwq 0x10(%rip),%rcx
	movsbw 0x10(%rip),%cx
	movsbl 0x10(%rip),%ecx
	movsbq 0x10(%rip),%rcx
	movswl 0x10(%rip),%ecx
	movswq 0x10(%rip),%rcx
	movslq 0x10(%rip),%rcx
	movzbl %ah,%eax
	movsbw %ah,%dx
	movzbl %ch,%eax
	movsbw %ch,%dx
	movzbl %dh,%eax
	movsbw %dh,%dx
	movzbl %bh,%eax
	movsbw %bh,%dx

# ---- lea
	lea (%rax),%rax
	lea (%rax),%r13d
	lea (%rax),%cx
	lea (%rcx),%rax
	lea (%rcx),%r13d
	lea (%rcx),%cx
	lea (%rsp),%rax
	lea (%rsp),%r13d
	lea (%rsp),%cx
	lea (%rbp),%rax
	lea (%rbp),%r13d
	lea (%rbp),%cx
	lea (%r12),%rax
	lea (%r12),%r13d
	lea (%r12),%cx
	lea (%r13),%rax
	lea (%r13),%r13d
	lea (%r13),%cx
	lea (%r15),%rax
	lea (%r15),%r13d
	lea (%r15),%cx
	lea 0x8(%rax),%rax
	lea 0x8(%rax),%r13d
	lea 0x8(%rax),%cx
	lea -0x8(%rbp),%rax
	lea -0x8(%rbp),%r13d
	lea -0x8(%rbp),%cx
	lea 0x7f(%rsp),%rax
	lea 0x7f(%rsp),%r13d
	lea 0x7f(%rsp),%cx
	lea -0x80(%r12),%rax
	lea -0x80(%r12),%r13d
	lea -0x80(%r12),%cx
	lea 0x12345678(%rbx),%rax
	lea 0x12345678(%rbx),%r13d
	lea 0x12345678(%rbx),%cx
	lea -0x12345678(%r13),%rax
	lea -0x12345678(%r13),%r13d
	lea -0x12345678(%r13),%cx
	lea (%rax,%rbx,1),%rax
	lea (%rax,%rbx,1),%r13d
	lea (%rax,%rbx,1),%cx
	lea (%rax,%rcx,2),%rax
	lea (%rax,%rcx,2),%r13d
	lea (%rax,%rcx,2),%cx
	lea 0x10(%rdx,%rsi,4),%rax
	lea 0x10(%rdx,%rsi,4),%r13d
	lea 0x10(%rdx,%rsi,4),%cx
	lea -0x20(%rbp,%rdi,8),%rax
	lea -0x20(%rbp,%rdi,8),%r13d
	lea -0x20(%rbp,%rdi,8),%cx
	lea (%r8,%r9,1),%rax
	lea (%r8,%r9,1),%r13d
	lea (%r8,%r9,1),%cx
	lea 0x100(%r10,%r11,2),%rax
	lea 0x100(%r10,%r11,2),%r13d
	lea 0x100(%r10,%r11,2),%cx
	lea (%rsp,%rbp,1),%rax
	lea (%rsp,%rbp,1),%r13d
	lea (%rsp,%rbp,1),%cx
	lea (%rbp,%r12,4),%rax
	lea (%rbp,%r12,4),%r13d
	lea (%rbp,%r12,4),%cx
	lea (%r13,%r14,8),%rax
	lea (%r13,%r14,8),%r13d
	lea (%r13,%r14,8),%cx
	lea 0x0(,%rax,8),%rax
	lea 0x0(,%rax,8),%r13d
	lea 0x0(,%rax,8),%cx
	lea 0x1000(,%r15,2),%rax
	lea 0x1000(,%r15,2),%r13d
	lea 0x1000(,%r15,2),%cx
	lea 0x10(%rip),%rax
	lea 0x10(%rip),%r13d
	lea 0x10(%rip),%cx
	lea -0x40(%rip),%rax
	lea -0x40(%rip),%r13d
	lea -0x40(%rip),%cx
	lea 0x12345678,%rax
	lea 0x12345678,%r13d
	lea 0x12345678,%cx

# ---- xchg
	xchg %al,%dil
	xchg %cl,%r8b
	xchg %dl,%r9b
	xchg %bl,%r10b
	xchg %spl,%r11b
	xchg %bpl,%r12b
	xchg %sil,%r13b
	xchg %dil,%r14b
	xchg %r8b,%r15b
	xchg %r9b,%al
	xchg %r10b,%cl
	xchg %r11b,%dl
	xchg %r12b,%bl
	xchg %r13b,%spl
	xchg %r14b,%bpl
	xchg %r15b,%sil
	xchg %bl,(%rax)
	xchg %r9b,0x10(%rbp,%rcx,4)
	xchg %ax,%di
	xchg %cx,%r8w
	xchg %dx,%r9w
	xchg %bx,%r10w
	xchg %sp,%r11w
	xchg %bp,%r12w
	xchg %si,%r13w
	xchg %di,%r14w
	xchg %r8w,%r15w
	xchg %r9w,%ax
	xchg %r10w,%cx
	xchg %r11w,%dx
	xchg %r12w,%bx
	xchg %r13w,%sp
	xchg %r14w,%bp
	xchg %r15w,%si
	xchg %bx,(%rax)
	xchg %r9w,0x10(%rbp,%rcx,4)
	xchg %eax,%edi
	xchg %ecx,%r8d
	xchg %edx,%r9d
	xchg %ebx,%r10d
	xchg %esp,%r11d
	xchg %ebp,%r12d
	xchg %esi,%r13d
	xchg %edi,%r14d
	xchg %r8d,%r15d
	xchg %r9d,%eax
	xchg %r10d,%ecx
	xchg %r11d,%edx
	xchg %r12d,%ebx
	xchg %r13d,%esp
	xchg %r14d,%ebp
	xchg %r15d,%esi
	xchg %ebx,(%rax)
	xchg %r9d,0x10(%rbp,%rcx,4)
	xchg %rax,%rdi
	xchg %rcx,%r8
	xchg %rdx,%r9
	xchg %rbx,%r10
	xchg %rsp,%r11
	xchg %rbp,%r12
	xchg %rsi,%r13
	xchg %rdi,%r14
	xchg %r8,%r15
	xchg %r9,%rax
	xchg %r10,%rcx
	xchg %r11,%rdx
	xchg %r12,%rbx
	xchg %r13,%rsp
	xchg %r14,%rbp
	xchg %r15,%rsi
	xchg %rbx,(%rax)
	xchg %r9,0x10(%rbp,%rcx,4)
	xchg %rcx,%rax
	xchg %eax,%ecx
	xchg %ax,%cx
	xchg %rdx,%rax
	xchg %eax,%edx
	xchg %ax,%dx
	xchg %rbx,%rax
	xchg %eax,%ebx
	xchg %ax,%bx
	xchg %rsp,%rax
	xchg %eax,%esp
	xchg %ax,%sp
	xchg %rbp,%rax
	xchg %eax,%ebp
	xchg %ax,%bp
	xchg %rsi,%rax
	xchg %eax,%esi
	xchg %ax,%si
	xchg %rdi,%rax
	xchg %eax,%edi
	xchg %ax,%di
	xchg %r8,%rax
	xchg %eax,%r8d
	xchg %ax,%r8w
	xchg %r9,%rax
	xchg %eax,%r9d
	xchg %ax,%r9w
	xchg %r10,%rax
	xchg %eax,%r10d
	xchg %ax,%r10w
	xchg %r11,%rax
	xchg %eax,%r11d
	xchg %ax,%r11w
	xchg %r12,%rax
	xchg %eax,%r12d
	xchg %ax,%r12w
	xchg %r13,%rax
	xchg %eax,%r13d
	xchg %ax,%r13w
	xchg %r14,%rax
	xchg %eax,%r14d
	xchg %ax,%r14w
	xchg %r15,%rax
	xchg %eax,%r15d
	xchg %ax,%r15w
	xchg %ax,%ax
	.byte 0x66, 0x66, 0x90

# ---- push / pop
	push %rax
	pop %rax
	push %ax
	pop %ax
	push %rcx
	pop %rcx
	push %cx
	pop %cx
	push %rdx
	pop %rdx
	push %dx
	pop %dx
	push %rbx
	pop %rbx
	push %bx
	pop %bx
	push %rsp
	pop %rsp
	push %sp
	pop %sp
	push %rbp
	pop %rbp
	push %bp
	pop %bp
	push %rsi
	pop %rsi
	push %si
	pop %si
	push %rdi
	pop %rdi
	push %di
	pop %di
	push %r8
	pop %r8
	push %r8w
	pop %r8w
	push %r9
	pop %r9
	push %r9w
	pop %r9w
	push %r10
	pop %r10
	push %r10w
	pop %r10w
	push %r11
	pop %r11
	push %r11w
	pop %r11w
	push %r12
	pop %r12
	push %r12w
	pop %r12w
	push %r13
	pop %r13
	push %r13w
	pop %r13w
	push %r14
	pop %r14
	push %r14w
	pop %r14w
	push %r15
	pop %r15
	push %r15w
	pop %r15w
	pushq (%rax)
	popq (%rax)
	pushw (%rax)
	popw (%rax)
	pushq 0x8(%rsp)
	popq 0x8(%rsp)
	pushw 0x8(%rsp)
	popw 0x8(%rsp)
	pushq -0x10(%rbp,%rsi,8)
	popq -0x10(%rbp,%rsi,8)
	pushw -0x10(%rbp,%rsi,8)
	popw -0x10(%rbp,%rsi,8)
	pushq 0x10(%rip)
	popq 0x10(%rip)
	pushw 0x10(%rip)
	popw 0x10(%rip)
	pushq (%r12)
	popq (%r12)
	pushw (%r12)
	popw (%r12)
	pushq $0x0
	pushq $0x7f
	pushq $-0x1
	pushq $-0x80
	pushq $0x80
	pushq $0x12345678
	pushq $-0x12345678
	pushw $0x12
	pushw $0x1234

# ---- cmovcc / setcc / jcc conditions
	cmovo %eax,%r15d
	cmovo %rax,%r15
	cmovo %ax,%r15w
	cmovo 0x10(%rax),%ecx
	cmovo (%r12,%rbx,2),%r11
	seto %al
	seto (%rax)
	seto %ah
	cmovno %ecx,%r14d
	cmovno %rcx,%r14
	cmovno %cx,%r14w
	cmovno 0x10(%rax),%ecx
	cmovno (%r12,%rbx,2),%r11
	setno %cl
	setno (%rax)
	setno %ch
	cmovb %edx,%r13d
	cmovb %rdx,%r13
	cmovb %dx,%r13w
	cmovb 0x10(%rax),%ecx
	cmovb (%r12,%rbx,2),%r11
	setb %dl
	setb (%rax)
	setb %dh
	cmovae %ebx,%r12d
	cmovae %rbx,%r12
	cmovae %bx,%r12w
	cmovae 0x10(%rax),%ecx
	cmovae (%r12,%rbx,2),%r11
	setae %bl
	setae (%rax)
	setae %bh
	cmove %esp,%r11d
	cmove %rsp,%r11
	cmove %sp,%r11w
	cmove 0x10(%rax),%ecx
	cmove (%r12,%rbx,2),%r11
	sete %spl
	sete (%rax)
	sete %ah
	cmovne %ebp,%r10d
	cmovne %rbp,%r10
	cmovne %bp,%r10w
	cmovne 0x10(%rax),%ecx
	cmovne (%r12,%rbx,2),%r11
	setne %bpl
	setne (%rax)
	setne %ch
	cmovbe %esi,%r9d
	cmovbe %rsi,%r9
	cmovbe %si,%r9w
	cmovbe 0x10(%rax),%ecx
	cmovbe (%r12,%rbx,2),%r11
	setbe %sil
	setbe (%rax)
	setbe %dh
	cmova %edi,%r8d
	cmova %rdi,%r8
	cmova %di,%r8w
	cmova 0x10(%rax),%ecx
	cmova (%r12,%rbx,2),%r11
	seta %dil
	seta (%rax)
	seta %bh
	cmovs %r8d,%edi
	cmovs %r8,%rdi
	cmovs %r8w,%di
	cmovs 0x10(%rax),%ecx
	cmovs (%r12,%rbx,2),%r11
	sets %r8b
	sets (%rax)
	sets %ah
	cmovns %r9d,%esi
	cmovns %r9,%rsi
	cmovns %r9w,%si
	cmovns 0x10(%rax),%ecx
	cmovns (%r12,%rbx,2),%r11
	setns %r9b
	setns (%rax)
	setns %ch
	cmovp %r10d,%ebp
	cmovp %r10,%rbp
	cmovp %r10w,%bp
	cmovp 0x10(%rax),%ecx
	cmovp (%r12,%rbx,2),%r11
	setp %r10b
	setp (%rax)
	setp %dh
	cmovnp %r11d,%esp
	cmovnp %r11,%rsp
	cmovnp %r11w,%sp
	cmovnp 0x10(%rax),%ecx
	cmovnp (%r12,%rbx,2),%r11
	setnp %r11b
	setnp (%rax)
	setnp %bh
	cmovl %r12d,%ebx
	cmovl %r12,%rbx
	cmovl %r12w,%bx
	cmovl 0x10(%rax),%ecx
	cmovl (%r12,%rbx,2),%r11
	setl %r12b
	setl (%rax)
	setl %ah
	cmovge %r13d,%edx
	cmovge %r13,%rdx
	cmovge %r13w,%dx
	cmovge 0x10(%rax),%ecx
	cmovge (%r12,%rbx,2),%r11
	setge %r13b
	setge (%rax)
	setge %ch
	cmovle %r14d,%ecx
	cmovle %r14,%rcx
	cmovle %r14w,%cx
	cmovle 0x10(%rax),%ecx
	cmovle (%r12,%rbx,2),%r11
	setle %r14b
	setle (%rax)
	setle %dh
	cmovg %r15d,%eax
	cmovg %r15,%rax
	cmovg %r15w,%ax
	cmovg 0x10(%rax),%ecx
	cmovg (%r12,%rbx,2),%r11
	setg %r15b
	setg (%rax)
	setg %bh
	setc %al
	cmovc %eax,%ebx
	setnc %al
	cmovnc %eax,%ebx
	setz %al
	cmovz %eax,%ebx
	setnz %al
	cmovnz %eax,%ebx
	setna %al
	cmovna %eax,%ebx
	setnbe %al
	cmovnbe %eax,%ebx
	setpe %al
	cmovpe %eax,%ebx
	setpo %al
	cmovpo %eax,%ebx
	setnge %al
	cmovnge %eax,%ebx
	setnl %al
	cmovnl %eax,%ebx
	setng %al
	cmovng %eax,%ebx
	setnle %al
	cmovnle %eax,%ebx
	setnae %al
	cmovnae %eax,%ebx
	setnb %al
	cmovnb %eax,%ebx

# ---- bswap
	bswap %eax
	bswap %rax
	bswap %ecx
	bswap %rcx
	bswap %edx
	bswap %rdx
	bswap %ebx
	bswap %rbx
	bswap %esp
	bswap %rsp
	bswap %ebp
	bswap %rbp
	bswap %esi
	bswap %rsi
	bswap %edi
	bswap %rdi
	bswap %r8d
	bswap %r8
	bswap %r9d
	bswap %r9
	bswap %r10d
	bswap %r10
	bswap %r11d
	bswap %r11
	bswap %r12d
	bswap %r12
	bswap %r13d
	bswap %r13
	bswap %r14d
	bswap %r14
	bswap %r15d
	bswap %r15

# ---- sign extension of the accumulator
	cbtw
	cwtl
	cltq
	cwtd
	cltd
	cqto

# ---- leave and flag instructions
	leave
	clc
	stc
	cmc
	cld
	std
	cli
	sti
	pushfq
	popfq
	pushf
	popf
	pushfw
	popfw

# ---- ALU: add or adc sbb and sub xor cmp, every form and size
	add %al,%cl
	add %bl,%spl
	add %sil,%dil
	add %r9b,%r10b
	add %r12b,%r13b
	add %r15b,%al
	add %dl,(%rax)
	add 0x10(%rbp),%r10b
	add %r12b,-0x8(%rsp,%r9,8)
	add 0x10(%rip),%bpl
	add $0x7f,%al
	add $0x7f,%bl
	add $-0x80,%r13b
	addb $0x1,(%rax)
	addb $-0x1,0x10(%rbp,%rcx,2)
	addb $0x12,0x10(%rip)
	add %ax,%cx
	add %bx,%sp
	add %si,%di
	add %r9w,%r10w
	add %r12w,%r13w
	add %r15w,%ax
	add %dx,(%rax)
	add 0x10(%rbp),%r10w
	add %r12w,-0x8(%rsp,%r9,8)
	add 0x10(%rip),%bp
	add $0x7f,%ax
	add $0x7f,%bx
	add $-0x80,%r13w
	add $0x1234,%ax
	add $0x1234,%si
	add $-0x1234,%r14w
	addw $0x1,(%rax)
	addw $-0x1,0x10(%rbp,%rcx,2)
	addw $0x100,0x12345678(%r8)
	addw $0x12,0x10(%rip)
	add %eax,%ecx
	add %ebx,%esp
	add %esi,%edi
	add %r9d,%r10d
	add %r12d,%r13d
	add %r15d,%eax
	add %edx,(%rax)
	add 0x10(%rbp),%r10d
	add %r12d,-0x8(%rsp,%r9,8)
	add 0x10(%rip),%ebp
	add $0x7f,%eax
	add $0x7f,%ebx
	add $-0x80,%r13d
	add $0x1234,%eax
	add $0x1234,%esi
	add $-0x1234,%r14d
	addl $0x1,(%rax)
	addl $-0x1,0x10(%rbp,%rcx,2)
	addl $0x100,0x12345678(%r8)
	addl $0x12,0x10(%rip)
	add %rax,%rcx
	add %rbx,%rsp
	add %rsi,%rdi
	add %r9,%r10
	add %r12,%r13
	add %r15,%rax
	add %rdx,(%rax)
	add 0x10(%rbp),%r10
	add %r12,-0x8(%rsp,%r9,8)
	add 0x10(%rip),%rbp
	add $0x7f,%rax
	add $0x7f,%rbx
	add $-0x80,%r13
	add $0x1234,%rax
	add $0x1234,%rsi
	add $-0x1234,%r14
	addq $0x1,(%rax)
	addq $-0x1,0x10(%rbp,%rcx,2)
	addq $0x100,0x12345678(%r8)
	addq $0x12,0x10(%rip)
	add %ah,%bh
	add $0x12,%ch
	or %al,%cl
	or %bl,%spl
	or %sil,%dil
	or %r9b,%r10b
	or %r12b,%r13b
	or %r15b,%al
	or %dl,(%rax)
	or 0x10(%rbp),%r10b
	or %r12b,-0x8(%rsp,%r9,8)
	or 0x10(%rip),%bpl
	or $0x7f,%al
	or $0x7f,%bl
	or $-0x80,%r13b
	orb $0x1,(%rax)
	orb $-0x1,0x10(%rbp,%rcx,2)
	orb $0x12,0x10(%rip)
	or %ax,%cx
	or %bx,%sp
	or %si,%di
	or %r9w,%r10w
	or %r12w,%r13w
	or %r15w,%ax
	or %dx,(%rax)
	or 0x10(%rbp),%r10w
	or %r12w,-0x8(%rsp,%r9,8)
	or 0x10(%rip),%bp
	or $0x7f,%ax
	or $0x7f,%bx
	or $-0x80,%r13w
	or $0x1234,%ax
	or $0x1234,%si
	or $-0x1234,%r14w
	orw $0x1,(%rax)
	orw $-0x1,0x10(%rbp,%rcx,2)
	orw $0x100,0x12345678(%r8)
	orw $0x12,0x10(%rip)
	or %eax,%ecx
	or %ebx,%esp
	or %esi,%edi
	or %r9d,%r10d
	or %r12d,%r13d
	or %r15d,%eax
	or %edx,(%rax)
	or 0x10(%rbp),%r10d
	or %r12d,-0x8(%rsp,%r9,8)
	or 0x10(%rip),%ebp
	or $0x7f,%eax
	or $0x7f,%ebx
	or $-0x80,%r13d
	or $0x1234,%eax
	or $0x1234,%esi
	or $-0x1234,%r14d
	orl $0x1,(%rax)
	orl $-0x1,0x10(%rbp,%rcx,2)
	orl $0x100,0x12345678(%r8)
	orl $0x12,0x10(%rip)
	or %rax,%rcx
	or %rbx,%rsp
	or %rsi,%rdi
	or %r9,%r10
	or %r12,%r13
	or %r15,%rax
	or %rdx,(%rax)
	or 0x10(%rbp),%r10
	or %r12,-0x8(%rsp,%r9,8)
	or 0x10(%rip),%rbp
	or $0x7f,%rax
	or $0x7f,%rbx
	or $-0x80,%r13
	or $0x1234,%rax
	or $0x1234,%rsi
	or $-0x1234,%r14
	orq $0x1,(%rax)
	orq $-0x1,0x10(%rbp,%rcx,2)
	orq $0x100,0x12345678(%r8)
	orq $0x12,0x10(%rip)
	or %ah,%bh
	or $0x12,%ch
	adc %al,%cl
	adc %bl,%spl
	adc %sil,%dil
	adc %r9b,%r10b
	adc %r12b,%r13b
	adc %r15b,%al
	adc %dl,(%rax)
	adc 0x10(%rbp),%r10b
	adc %r12b,-0x8(%rsp,%r9,8)
	adc 0x10(%rip),%bpl
	adc $0x7f,%al
	adc $0x7f,%bl
	adc $-0x80,%r13b
	adcb $0x1,(%rax)
	adcb $-0x1,0x10(%rbp,%rcx,2)
	adcb $0x12,0x10(%rip)
	adc %ax,%cx
	adc %bx,%sp
	adc %si,%di
	adc %r9w,%r10w
	adc %r12w,%r13w
	adc %r15w,%ax
	adc %dx,(%rax)
	adc 0x10(%rbp),%r10w
	adc %r12w,-0x8(%rsp,%r9,8)
	adc 0x10(%rip),%bp
	adc $0x7f,%ax
	adc $0x7f,%bx
	adc $-0x80,%r13w
	adc $0x1234,%ax
	adc $0x1234,%si
	adc $-0x1234,%r14w
	adcw $0x1,(%rax)
	adcw $-0x1,0x10(%rbp,%rcx,2)
	adcw $0x100,0x12345678(%r8)
	adcw $0x12,0x10(%rip)
	adc %eax,%ecx
	adc %ebx,%esp
	adc %esi,%edi
	adc %r9d,%r10d
	adc %r12d,%r13d
	adc %r15d,%eax
	adc %edx,(%rax)
	adc 0x10(%rbp),%r10d
	adc %r12d,-0x8(%rsp,%r9,8)
	adc 0x10(%rip),%ebp
	adc $0x7f,%eax
	adc $0x7f,%ebx
	adc $-0x80,%r13d
	adc $0x1234,%eax
	adc $0x1234,%esi
	adc $-0x1234,%r14d
	adcl $0x1,(%rax)
	adcl $-0x1,0x10(%rbp,%rcx,2)
	adcl $0x100,0x12345678(%r8)
	adcl $0x12,0x10(%rip)
	adc %rax,%rcx
	adc %rbx,%rsp
	adc %rsi,%rdi
	adc %r9,%r10
	adc %r12,%r13
	adc %r15,%rax
	adc %rdx,(%rax)
	adc 0x10(%rbp),%r10
	adc %r12,-0x8(%rsp,%r9,8)
	adc 0x10(%rip),%rbp
	adc $0x7f,%rax
	adc $0x7f,%rbx
	adc $-0x80,%r13
	adc $0x1234,%rax
	adc $0x1234,%rsi
	adc $-0x1234,%r14
	adcq $0x1,(%rax)
	adcq $-0x1,0x10(%rbp,%rcx,2)
	adcq $0x100,0x12345678(%r8)
	adcq $0x12,0x10(%rip)
	adc %ah,%bh
	adc $0x12,%ch
	sbb %al,%cl
	sbb %bl,%spl
	sbb %sil,%dil
	sbb %r9b,%r10b
	sbb %r12b,%r13b
	sbb %r15b,%al
	sbb %dl,(%rax)
	sbb 0x10(%rbp),%r10b
	sbb %r12b,-0x8(%rsp,%r9,8)
	sbb 0x10(%rip),%bpl
	sbb $0x7f,%al
	sbb $0x7f,%bl
	sbb $-0x80,%r13b
	sbbb $0x1,(%rax)
	sbbb $-0x1,0x10(%rbp,%rcx,2)
	sbbb $0x12,0x10(%rip)
	sbb %ax,%cx
	sbb %bx,%sp
	sbb %si,%di
	sbb %r9w,%r10w
	sbb %r12w,%r13w
	sbb %r15w,%ax
	sbb %dx,(%rax)
	sbb 0x10(%rbp),%r10w
	sbb %r12w,-0x8(%rsp,%r9,8)
	sbb 0x10(%rip),%bp
	sbb $0x7f,%ax
	sbb $0x7f,%bx
	sbb $-0x80,%r13w
	sbb $0x1234,%ax
	sbb $0x1234,%si
	sbb $-0x1234,%r14w
	sbbw $0x1,(%rax)
	sbbw $-0x1,0x10(%rbp,%rcx,2)
	sbbw $0x100,0x12345678(%r8)
	sbbw $0x12,0x10(%rip)
	sbb %eax,%ecx
	sbb %ebx,%esp
	sbb %esi,%edi
	sbb %r9d,%r10d
	sbb %r12d,%r13d
	sbb %r15d,%eax
	sbb %edx,(%rax)
	sbb 0x10(%rbp),%r10d
	sbb %r12d,-0x8(%rsp,%r9,8)
	sbb 0x10(%rip),%ebp
	sbb $0x7f,%eax
	sbb $0x7f,%ebx
	sbb $-0x80,%r13d
	sbb $0x1234,%eax
	sbb $0x1234,%esi
	sbb $-0x1234,%r14d
	sbbl $0x1,(%rax)
	sbbl $-0x1,0x10(%rbp,%rcx,2)
	sbbl $0x100,0x12345678(%r8)
	sbbl $0x12,0x10(%rip)
	sbb %rax,%rcx
	sbb %rbx,%rsp
	sbb %rsi,%rdi
	sbb %r9,%r10
	sbb %r12,%r13
	sbb %r15,%rax
	sbb %rdx,(%rax)
	sbb 0x10(%rbp),%r10
	sbb %r12,-0x8(%rsp,%r9,8)
	sbb 0x10(%rip),%rbp
	sbb $0x7f,%rax
	sbb $0x7f,%rbx
	sbb $-0x80,%r13
	sbb $0x1234,%rax
	sbb $0x1234,%rsi
	sbb $-0x1234,%r14
	sbbq $0x1,(%rax)
	sbbq $-0x1,0x10(%rbp,%rcx,2)
	sbbq $0x100,0x12345678(%r8)
	sbbq $0x12,0x10(%rip)
	sbb %ah,%bh
	sbb $0x12,%ch
	and %al,%cl
	and %bl,%spl
	and %sil,%dil
	and %r9b,%r10b
	and %r12b,%r13b
	and %r15b,%al
	and %dl,(%rax)
	and 0x10(%rbp),%r10b
	and %r12b,-0x8(%rsp,%r9,8)
	and 0x10(%rip),%bpl
	and $0x7f,%al
	and $0x7f,%bl
	and $-0x80,%r13b
	andb $0x1,(%rax)
	andb $-0x1,0x10(%rbp,%rcx,2)
	andb $0x12,0x10(%rip)
	and %ax,%cx
	and %bx,%sp
	and %si,%di
	and %r9w,%r10w
	and %r12w,%r13w
	and %r15w,%ax
	and %dx,(%rax)
	and 0x10(%rbp),%r10w
	and %r12w,-0x8(%rsp,%r9,8)
	and 0x10(%rip),%bp
	and $0x7f,%ax
	and $0x7f,%bx
	and $-0x80,%r13w
	and $0x1234,%ax
	and $0x1234,%si
	and $-0x1234,%r14w
	andw $0x1,(%rax)
	andw $-0x1,0x10(%rbp,%rcx,2)
	andw $0x100,0x12345678(%r8)
	andw $0x12,0x10(%rip)
	and %eax,%ecx
	and %ebx,%esp
	and %esi,%edi
	and %r9d,%r10d
	and %r12d,%r13d
	and %r15d,%eax
	and %edx,(%rax)
	and 0x10(%rbp),%r10d
	and %r12d,-0x8(%rsp,%r9,8)
	and 0x10(%rip),%ebp
	and $0x7f,%eax
	and $0x7f,%ebx
	and $-0x80,%r13d
	and $0x1234,%eax
	and $0x1234,%esi
	and $-0x1234,%r14d
	andl $0x1,(%rax)
	andl $-0x1,0x10(%rbp,%rcx,2)
	andl $0x100,0x12345678(%r8)
	andl $0x12,0x10(%rip)
	and %rax,%rcx
	and %rbx,%rsp
	and %rsi,%rdi
	and %r9,%r10
	and %r12,%r13
	and %r15,%rax
	and %rdx,(%rax)
	and 0x10(%rbp),%r10
	and %r12,-0x8(%rsp,%r9,8)
	and 0x10(%rip),%rbp
	and $0x7f,%rax
	and $0x7f,%rbx
	and $-0x80,%r13
	and $0x1234,%rax
	and $0x1234,%rsi
	and $-0x1234,%r14
	andq $0x1,(%rax)
	andq $-0x1,0x10(%rbp,%rcx,2)
	andq $0x100,0x12345678(%r8)
	andq $0x12,0x10(%rip)
	and %ah,%bh
	and $0x12,%ch
	sub %al,%cl
	sub %bl,%spl
	sub %sil,%dil
	sub %r9b,%r10b
	sub %r12b,%r13b
	sub %r15b,%al
	sub %dl,(%rax)
	sub 0x10(%rbp),%r10b
	sub %r12b,-0x8(%rsp,%r9,8)
	sub 0x10(%rip),%bpl
	sub $0x7f,%al
	sub $0x7f,%bl
	sub $-0x80,%r13b
	subb $0x1,(%rax)
	subb $-0x1,0x10(%rbp,%rcx,2)
	subb $0x12,0x10(%rip)
	sub %ax,%cx
	sub %bx,%sp
	sub %si,%di
	sub %r9w,%r10w
	sub %r12w,%r13w
	sub %r15w,%ax
	sub %dx,(%rax)
	sub 0x10(%rbp),%r10w
	sub %r12w,-0x8(%rsp,%r9,8)
	sub 0x10(%rip),%bp
	sub $0x7f,%ax
	sub $0x7f,%bx
	sub $-0x80,%r13w
	sub $0x1234,%ax
	sub $0x1234,%si
	sub $-0x1234,%r14w
	subw $0x1,(%rax)
	subw $-0x1,0x10(%rbp,%rcx,2)
	subw $0x100,0x12345678(%r8)
	subw $0x12,0x10(%rip)
	sub %eax,%ecx
	sub %ebx,%esp
	sub %esi,%edi
	sub %r9d,%r10d
	sub %r12d,%r13d
	sub %r15d,%eax
	sub %edx,(%rax)
	sub 0x10(%rbp),%r10d
	sub %r12d,-0x8(%rsp,%r9,8)
	sub 0x10(%rip),%ebp
	sub $0x7f,%eax
	sub $0x7f,%ebx
	sub $-0x80,%r13d
	sub $0x1234,%eax
	sub $0x1234,%esi
	sub $-0x1234,%r14d
	subl $0x1,(%rax)
	subl $-0x1,0x10(%rbp,%rcx,2)
	subl $0x100,0x12345678(%r8)
	subl $0x12,0x10(%rip)
	sub %rax,%rcx
	sub %rbx,%rsp
	sub %rsi,%rdi
	sub %r9,%r10
	sub %r12,%r13
	sub %r15,%rax
	sub %rdx,(%rax)
	sub 0x10(%rbp),%r10
	sub %r12,-0x8(%rsp,%r9,8)
	sub 0x10(%rip),%rbp
	sub $0x7f,%rax
	sub $0x7f,%rbx
	sub $-0x80,%r13
	sub $0x1234,%rax
	sub $0x1234,%rsi
	sub $-0x1234,%r14
	subq $0x1,(%rax)
	subq $-0x1,0x10(%rbp,%rcx,2)
	subq $0x100,0x12345678(%r8)
	subq $0x12,0x10(%rip)
	sub %ah,%bh
	sub $0x12,%ch
	xor %al,%cl
	xor %bl,%spl
	xor %sil,%dil
	xor %r9b,%r10b
	xor %r12b,%r13b
	xor %r15b,%al
	xor %dl,(%rax)
	xor 0x10(%rbp),%r10b
	xor %r12b,-0x8(%rsp,%r9,8)
	xor 0x10(%rip),%bpl
	xor $0x7f,%al
	xor $0x7f,%bl
	xor $-0x80,%r13b
	xorb $0x1,(%rax)
	xorb $-0x1,0x10(%rbp,%rcx,2)
	xorb $0x12,0x10(%rip)
	xor %ax,%cx
	xor %bx,%sp
	xor %si,%di
	xor %r9w,%r10w
	xor %r12w,%r13w
	xor %r15w,%ax
	xor %dx,(%rax)
	xor 0x10(%rbp),%r10w
	xor %r12w,-0x8(%rsp,%r9,8)
	xor 0x10(%rip),%bp
	xor $0x7f,%ax
	xor $0x7f,%bx
	xor $-0x80,%r13w
	xor $0x1234,%ax
	xor $0x1234,%si
	xor $-0x1234,%r14w
	xorw $0x1,(%rax)
	xorw $-0x1,0x10(%rbp,%rcx,2)
	xorw $0x100,0x12345678(%r8)
	xorw $0x12,0x10(%rip)
	xor %eax,%ecx
	xor %ebx,%esp
	xor %esi,%edi
	xor %r9d,%r10d
	xor %r12d,%r13d
	xor %r15d,%eax
	xor %edx,(%rax)
	xor 0x10(%rbp),%r10d
	xor %r12d,-0x8(%rsp,%r9,8)
	xor 0x10(%rip),%ebp
	xor $0x7f,%eax
	xor $0x7f,%ebx
	xor $-0x80,%r13d
	xor $0x1234,%eax
	xor $0x1234,%esi
	xor $-0x1234,%r14d
	xorl $0x1,(%rax)
	xorl $-0x1,0x10(%rbp,%rcx,2)
	xorl $0x100,0x12345678(%r8)
	xorl $0x12,0x10(%rip)
	xor %rax,%rcx
	xor %rbx,%rsp
	xor %rsi,%rdi
	xor %r9,%r10
	xor %r12,%r13
	xor %r15,%rax
	xor %rdx,(%rax)
	xor 0x10(%rbp),%r10
	xor %r12,-0x8(%rsp,%r9,8)
	xor 0x10(%rip),%rbp
	xor $0x7f,%rax
	xor $0x7f,%rbx
	xor $-0x80,%r13
	xor $0x1234,%rax
	xor $0x1234,%rsi
	xor $-0x1234,%r14
	xorq $0x1,(%rax)
	xorq $-0x1,0x10(%rbp,%rcx,2)
	xorq $0x100,0x12345678(%r8)
	xorq $0x12,0x10(%rip)
	xor %ah,%bh
	xor $0x12,%ch
	cmp %al,%cl
	cmp %bl,%spl
	cmp %sil,%dil
	cmp %r9b,%r10b
	cmp %r12b,%r13b
	cmp %r15b,%al
	cmp %dl,(%rax)
	cmp 0x10(%rbp),%r10b
	cmp %r12b,-0x8(%rsp,%r9,8)
	cmp 0x10(%rip),%bpl
	cmp $0x7f,%al
	cmp $0x7f,%bl
	cmp $-0x80,%r13b
	cmpb $0x1,(%rax)
	cmpb $-0x1,0x10(%rbp,%rcx,2)
	cmpb $0x12,0x10(%rip)
	cmp %ax,%cx
	cmp %bx,%sp
	cmp %si,%di
	cmp %r9w,%r10w
	cmp %r12w,%r13w
	cmp %r15w,%ax
	cmp %dx,(%rax)
	cmp 0x10(%rbp),%r10w
	cmp %r12w,-0x8(%rsp,%r9,8)
	cmp 0x10(%rip),%bp
	cmp $0x7f,%ax
	cmp $0x7f,%bx
	cmp $-0x80,%r13w
	cmp $0x1234,%ax
	cmp $0x1234,%si
	cmp $-0x1234,%r14w
	cmpw $0x1,(%rax)
	cmpw $-0x1,0x10(%rbp,%rcx,2)
	cmpw $0x100,0x12345678(%r8)
	cmpw $0x12,0x10(%rip)
	cmp %eax,%ecx
	cmp %ebx,%esp
	cmp %esi,%edi
	cmp %r9d,%r10d
	cmp %r12d,%r13d
	cmp %r15d,%eax
	cmp %edx,(%rax)
	cmp 0x10(%rbp),%r10d
	cmp %r12d,-0x8(%rsp,%r9,8)
	cmp 0x10(%rip),%ebp
	cmp $0x7f,%eax
	cmp $0x7f,%ebx
	cmp $-0x80,%r13d
	cmp $0x1234,%eax
	cmp $0x1234,%esi
	cmp $-0x1234,%r14d
	cmpl $0x1,(%rax)
	cmpl $-0x1,0x10(%rbp,%rcx,2)
	cmpl $0x100,0x12345678(%r8)
	cmpl $0x12,0x10(%rip)
	cmp %rax,%rcx
	cmp %rbx,%rsp
	cmp %rsi,%rdi
	cmp %r9,%r10
	cmp %r12,%r13
	cmp %r15,%rax
	cmp %rdx,(%rax)
	cmp 0x10(%rbp),%r10
	cmp %r12,-0x8(%rsp,%r9,8)
	cmp 0x10(%rip),%rbp
	cmp $0x7f,%rax
	cmp $0x7f,%rbx
	cmp $-0x80,%r13
	cmp $0x1234,%rax
	cmp $0x1234,%rsi
	cmp $-0x1234,%r14
	cmpq $0x1,(%rax)
	cmpq $-0x1,0x10(%rbp,%rcx,2)
	cmpq $0x100,0x12345678(%r8)
	cmpq $0x12,0x10(%rip)
	cmp %ah,%bh
	cmp $0x12,%ch

# ---- test
	test %al,%bpl
	test %bl,%r8b
	test %sil,%r11b
	test %r9b,%r14b
	test %r12b,%cl
	test %r15b,%spl
	test %dil,(%rax)
	test $0x7f,%al
	test $0x7f,%r11b
	testb $0x1,0x8(%rdi)
	test %ax,%bp
	test %bx,%r8w
	test %si,%r11w
	test %r9w,%r14w
	test %r12w,%cx
	test %r15w,%sp
	test %di,(%rax)
	test $0x7f,%ax
	test $0x7f,%r11w
	testw $0x1,0x8(%rdi)
	test $0x1234,%cx
	test %eax,%ebp
	test %ebx,%r8d
	test %esi,%r11d
	test %r9d,%r14d
	test %r12d,%ecx
	test %r15d,%esp
	test %edi,(%rax)
	test $0x7f,%eax
	test $0x7f,%r11d
	testl $0x1,0x8(%rdi)
	test $0x12345,%ecx
	test %rax,%rbp
	test %rbx,%r8
	test %rsi,%r11
	test %r9,%r14
	test %r12,%rcx
	test %r15,%rsp
	test %rdi,(%rax)
	test $0x7f,%rax
	test $0x7f,%r11
	testq $0x1,0x8(%rdi)
	test $0x12345,%rcx

# ---- inc dec neg not mul imul div idiv (one operand)
	inc %al
	inc %r9b
	incb (%rax)
	incb -0x10(%rbp,%r12,4)
	inc %ax
	inc %r9w
	incw (%rax)
	incw -0x10(%rbp,%r12,4)
	inc %eax
	inc %r9d
	incl (%rax)
	incl -0x10(%rbp,%r12,4)
	inc %rax
	inc %r9
	incq (%rax)
	incq -0x10(%rbp,%r12,4)
	inc %ah
	dec %al
	dec %r9b
	decb (%rax)
	decb -0x10(%rbp,%r12,4)
	dec %ax
	dec %r9w
	decw (%rax)
	decw -0x10(%rbp,%r12,4)
	dec %eax
	dec %r9d
	decl (%rax)
	decl -0x10(%rbp,%r12,4)
	dec %rax
	dec %r9
	decq (%rax)
	decq -0x10(%rbp,%r12,4)
	dec %ah
	neg %al
	neg %r9b
	negb (%rax)
	negb -0x10(%rbp,%r12,4)
	neg %ax
	neg %r9w
	negw (%rax)
	negw -0x10(%rbp,%r12,4)
	neg %eax
	neg %r9d
	negl (%rax)
	negl -0x10(%rbp,%r12,4)
	neg %rax
	neg %r9
	negq (%rax)
	negq -0x10(%rbp,%r12,4)
	neg %ah
	not %al
	not %r9b
	notb (%rax)
	notb -0x10(%rbp,%r12,4)
	not %ax
	not %r9w
	notw (%rax)
	notw -0x10(%rbp,%r12,4)
	not %eax
	not %r9d
	notl (%rax)
	notl -0x10(%rbp,%r12,4)
	not %rax
	not %r9
	notq (%rax)
	notq -0x10(%rbp,%r12,4)
	not %ah
	mul %al
	mul %r9b
	mulb (%rax)
	mulb -0x10(%rbp,%r12,4)
	mul %ax
	mul %r9w
	mulw (%rax)
	mulw -0x10(%rbp,%r12,4)
	mul %eax
	mul %r9d
	mull (%rax)
	mull -0x10(%rbp,%r12,4)
	mul %rax
	mul %r9
	mulq (%rax)
	mulq -0x10(%rbp,%r12,4)
	mul %ah
	imul %al
	imul %r9b
	imulb (%rax)
	imulb -0x10(%rbp,%r12,4)
	imul %ax
	imul %r9w
	imulw (%rax)
	imulw -0x10(%rbp,%r12,4)
	imul %eax
	imul %r9d
	imull (%rax)
	imull -0x10(%rbp,%r12,4)
	imul %rax
	imul %r9
	imulq (%rax)
	imulq -0x10(%rbp,%r12,4)
	imul %ah
	div %al
	div %r9b
	divb (%rax)
	divb -0x10(%rbp,%r12,4)
	div %ax
	div %r9w
	divw (%rax)
	divw -0x10(%rbp,%r12,4)
	div %eax
	div %r9d
	divl (%rax)
	divl -0x10(%rbp,%r12,4)
	div %rax
	div %r9
	divq (%rax)
	divq -0x10(%rbp,%r12,4)
	div %ah
	idiv %al
	idiv %r9b
	idivb (%rax)
	idivb -0x10(%rbp,%r12,4)
	idiv %ax
	idiv %r9w
	idivw (%rax)
	idivw -0x10(%rbp,%r12,4)
	idiv %eax
	idiv %r9d
	idivl (%rax)
	idivl -0x10(%rbp,%r12,4)
	idiv %rax
	idiv %r9
	idivq (%rax)
	idivq -0x10(%rbp,%r12,4)
	idiv %ah

# ---- imul with two and three operands
	imul %ax,%bx
	imul $0x7f,%ax,%cx
	imul $-0x80,%ax,%dx
	imul $0x1234,%ax,%sp
	imul %bp,%r8w
	imul $0x7f,%bp,%si
	imul $-0x80,%bp,%di
	imul $0x1234,%bp,%r9w
	imul %r10w,%r13w
	imul $0x7f,%r10w,%r11w
	imul $-0x80,%r10w,%r12w
	imul $0x1234,%r10w,%r14w
	imul %r15w,%dx
	imul $0x7f,%r15w,%ax
	imul $-0x80,%r15w,%cx
	imul $0x1234,%r15w,%bx
	imul (%rax),%cx
	imul $0x3,0x10(%rsp),%dx
	imul $0x300,-0x4(%rip),%r13w
	imul %eax,%ebx
	imul $0x7f,%eax,%ecx
	imul $-0x80,%eax,%edx
	imul $0x1234,%eax,%esp
	imul %ebp,%r8d
	imul $0x7f,%ebp,%esi
	imul $-0x80,%ebp,%edi
	imul $0x1234,%ebp,%r9d
	imul %r10d,%r13d
	imul $0x7f,%r10d,%r11d
	imul $-0x80,%r10d,%r12d
	imul $0x1234,%r10d,%r14d
	imul %r15d,%edx
	imul $0x7f,%r15d,%eax
	imul $-0x80,%r15d,%ecx
	imul $0x1234,%r15d,%ebx
	imul (%rax),%ecx
	imul $0x3,0x10(%rsp),%edx
	imul $0x300,-0x4(%rip),%r13d
	imul %rax,%rbx
	imul $0x7f,%rax,%rcx
	imul $-0x80,%rax,%rdx
	imul $0x1234,%rax,%rsp
	imul %rbp,%r8
	imul $0x7f,%rbp,%rsi
	imul $-0x80,%rbp,%rdi
	imul $0x1234,%rbp,%r9
	imul %r10,%r13
	imul $0x7f,%r10,%r11
	imul $-0x80,%r10,%r12
	imul $0x1234,%r10,%r14
	imul %r15,%rdx
	imul $0x7f,%r15,%rax
	imul $-0x80,%r15,%rcx
	imul $0x1234,%r15,%rbx
	imul (%rax),%rcx
	imul $0x3,0x10(%rsp),%rdx
	imul $0x300,-0x4(%rip),%r13

# ---- shifts and rotates: by 1, by imm8, by cl
	rol %cl
	rol $0x3,%r10b
	rol %cl,%dl
	rolb (%rax)
	rolb $0x5,0x10(%rbx)
	rolb %cl,-0x8(%r13,%rax,2)
	rol %cx
	rol $0x3,%r10w
	rol %cl,%dx
	rolw (%rax)
	rolw $0x5,0x10(%rbx)
	rolw %cl,-0x8(%r13,%rax,2)
	rol %ecx
	rol $0x3,%r10d
	rol %cl,%edx
	roll (%rax)
	roll $0x5,0x10(%rbx)
	roll %cl,-0x8(%r13,%rax,2)
	rol %rcx
	rol $0x3,%r10
	rol %cl,%rdx
	rolq (%rax)
	rolq $0x5,0x10(%rbx)
	rolq %cl,-0x8(%r13,%rax,2)
	rol $0x1,%eax
	rol %ah
	ror %cl
	ror $0x3,%r10b
	ror %cl,%dl
	rorb (%rax)
	rorb $0x5,0x10(%rbx)
	rorb %cl,-0x8(%r13,%rax,2)
	ror %cx
	ror $0x3,%r10w
	ror %cl,%dx
	rorw (%rax)
	rorw $0x5,0x10(%rbx)
	rorw %cl,-0x8(%r13,%rax,2)
	ror %ecx
	ror $0x3,%r10d
	ror %cl,%edx
	rorl (%rax)
	rorl $0x5,0x10(%rbx)
	rorl %cl,-0x8(%r13,%rax,2)
	ror %rcx
	ror $0x3,%r10
	ror %cl,%rdx
	rorq (%rax)
	rorq $0x5,0x10(%rbx)
	rorq %cl,-0x8(%r13,%rax,2)
	ror $0x1,%eax
	ror %ah
	shl %cl
	shl $0x3,%r10b
	shl %cl,%dl
	shlb (%rax)
	shlb $0x5,0x10(%rbx)
	shlb %cl,-0x8(%r13,%rax,2)
	shl %cx
	shl $0x3,%r10w
	shl %cl,%dx
	shlw (%rax)
	shlw $0x5,0x10(%rbx)
	shlw %cl,-0x8(%r13,%rax,2)
	shl %ecx
	shl $0x3,%r10d
	shl %cl,%edx
	shll (%rax)
	shll $0x5,0x10(%rbx)
	shll %cl,-0x8(%r13,%rax,2)
	shl %rcx
	shl $0x3,%r10
	shl %cl,%rdx
	shlq (%rax)
	shlq $0x5,0x10(%rbx)
	shlq %cl,-0x8(%r13,%rax,2)
	shl $0x1,%eax
	shl %ah
	sal %cl
	sal $0x3,%r10b
	sal %cl,%dl
	salb (%rax)
	salb $0x5,0x10(%rbx)
	salb %cl,-0x8(%r13,%rax,2)
	sal %cx
	sal $0x3,%r10w
	sal %cl,%dx
	salw (%rax)
	salw $0x5,0x10(%rbx)
	salw %cl,-0x8(%r13,%rax,2)
	sal %ecx
	sal $0x3,%r10d
	sal %cl,%edx
	sall (%rax)
	sall $0x5,0x10(%rbx)
	sall %cl,-0x8(%r13,%rax,2)
	sal %rcx
	sal $0x3,%r10
	sal %cl,%rdx
	salq (%rax)
	salq $0x5,0x10(%rbx)
	salq %cl,-0x8(%r13,%rax,2)
	sal $0x1,%eax
	sal %ah
	shr %cl
	shr $0x3,%r10b
	shr %cl,%dl
	shrb (%rax)
	shrb $0x5,0x10(%rbx)
	shrb %cl,-0x8(%r13,%rax,2)
	shr %cx
	shr $0x3,%r10w
	shr %cl,%dx
	shrw (%rax)
	shrw $0x5,0x10(%rbx)
	shrw %cl,-0x8(%r13,%rax,2)
	shr %ecx
	shr $0x3,%r10d
	shr %cl,%edx
	shrl (%rax)
	shrl $0x5,0x10(%rbx)
	shrl %cl,-0x8(%r13,%rax,2)
	shr %rcx
	shr $0x3,%r10
	shr %cl,%rdx
	shrq (%rax)
	shrq $0x5,0x10(%rbx)
	shrq %cl,-0x8(%r13,%rax,2)
	shr $0x1,%eax
	shr %ah
	sar %cl
	sar $0x3,%r10b
	sar %cl,%dl
	sarb (%rax)
	sarb $0x5,0x10(%rbx)
	sarb %cl,-0x8(%r13,%rax,2)
	sar %cx
	sar $0x3,%r10w
	sar %cl,%dx
	sarw (%rax)
	sarw $0x5,0x10(%rbx)
	sarw %cl,-0x8(%r13,%rax,2)
	sar %ecx
	sar $0x3,%r10d
	sar %cl,%edx
	sarl (%rax)
	sarl $0x5,0x10(%rbx)
	sarl %cl,-0x8(%r13,%rax,2)
	sar %rcx
	sar $0x3,%r10
	sar %cl,%rdx
	sarq (%rax)
	sarq $0x5,0x10(%rbx)
	sarq %cl,-0x8(%r13,%rax,2)
	sar $0x1,%eax
	sar %ah

# ---- bt bts btr
	bt %cx,%r14w
	bt %r8w,(%rax)
	bt $0x3,%bp
	btw $0x1f,0x10(%rbp)
	bt %ecx,%r14d
	bt %r8d,(%rax)
	bt $0x3,%ebp
	btl $0x1f,0x10(%rbp)
	bt %rcx,%r14
	bt %r8,(%rax)
	bt $0x3,%rbp
	btq $0x1f,0x10(%rbp)
	bts %cx,%r14w
	bts %r8w,(%rax)
	bts $0x3,%bp
	btsw $0x1f,0x10(%rbp)
	bts %ecx,%r14d
	bts %r8d,(%rax)
	bts $0x3,%ebp
	btsl $0x1f,0x10(%rbp)
	bts %rcx,%r14
	bts %r8,(%rax)
	bts $0x3,%rbp
	btsq $0x1f,0x10(%rbp)
	btr %cx,%r14w
	btr %r8w,(%rax)
	btr $0x3,%bp
	btrw $0x1f,0x10(%rbp)
	btr %ecx,%r14d
	btr %r8d,(%rax)
	btr $0x3,%ebp
	btrl $0x1f,0x10(%rbp)
	btr %rcx,%r14
	btr %r8,(%rax)
	btr $0x3,%rbp
	btrq $0x1f,0x10(%rbp)

# ---- jumps and calls
	jmp 1f
	jo 1f
	jno 1f
	jb 1f
	jae 1f
	je 1f
	jne 1f
	jbe 1f
	ja 1f
	js 1f
	jns 1f
	jp 1f
	jnp 1f
	jl 1f
	jge 1f
	jle 1f
	jg 1f
	1:
	jmp 2f
	jo 2f
	jno 2f
	jb 2f
	jae 2f
	je 2f
	jne 2f
	jbe 2f
	ja 2f
	js 2f
	jns 2f
	jp 2f
	jnp 2f
	jl 2f
	jge 2f
	jle 2f
	jg 2f
	.skip 0x100, 0x90
	2:
	jmp 1b
	jo 1b
	jno 1b
	jb 1b
	jae 1b
	je 1b
	jne 1b
	jbe 1b
	ja 1b
	js 1b
	jns 1b
	jp 1b
	jnp 1b
	jl 1b
	jge 1b
	jle 1b
	jg 1b
	jc 2b
	jnc 2b
	jz 2b
	jnz 2b
	jna 2b
	jnbe 2b
	jpe 2b
	jpo 2b
	jnge 2b
	jnl 2b
	jng 2b
	jnle 2b
	jnae 2b
	jnb 2b
	call 1b
	call 3f
	3:
	jmp *%rax
	call *%rax
	jmp *%rcx
	call *%rcx
	jmp *%rdx
	call *%rdx
	jmp *%rbx
	call *%rbx
	jmp *%rsp
	call *%rsp
	jmp *%rbp
	call *%rbp
	jmp *%rsi
	call *%rsi
	jmp *%rdi
	call *%rdi
	jmp *%r8
	call *%r8
	jmp *%r9
	call *%r9
	jmp *%r10
	call *%r10
	jmp *%r11
	call *%r11
	jmp *%r12
	call *%r12
	jmp *%r13
	call *%r13
	jmp *%r14
	call *%r14
	jmp *%r15
	call *%r15
	jmp *(%rax)
	call *(%rax)
	jmp *0x8(%rsp)
	call *0x8(%rsp)
	jmp *0x10(%rip)
	call *0x10(%rip)
	jmp *0x1000
	call *0x1000
	jmp *(%r12,%rbx,8)
	call *(%r12,%rbx,8)
	jmp *%fs:0x10
	call *%fs:0x10
	jmp *-0x8(%rbp)
	call *-0x8(%rbp)
	callq *0x10(%rip)
	ret
	ret $0x8
	ret $0xffff

# ---- interrupts, halting, no-ops and system instructions
	int3
	int $0x3
	int $0x80
	int $0xff
	iretq
	hlt
	nop
	pause
	ud2
	vmcall
	mfence
	lfence
	sfence
	rdtsc
	cpuid
	nopl (%rax)
	nopl 0x0(%rax)
	nopl 0x0(%rax,%rax,1)
	nopw 0x0(%rax,%rax,1)
	nopl 0x0(%rax)
	nopl 0x0(%rax,%rax,1)
	nopw %cs:0x0(%rax,%rax,1)
	.byte 0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00
	nopw %ax
	nopl %eax
	nopq (%rax)
	lidt (%rax)
	sidt (%rax)
	invlpg (%rax)
	lidt 0x8(%rbx)
	sidt 0x8(%rbx)
	invlpg 0x8(%rbx)
	lidt 0x10(%rip)
	sidt 0x10(%rip)
	invlpg 0x10(%rip)
	lidt (%r12)
	sidt (%r12)
	invlpg (%r12)
	lidt 0x1000
	sidt 0x1000
	invlpg 0x1000
	mov %cr0,%rax
	mov %rax,%cr0
	mov %cr0,%rbp
	mov %rbp,%cr0
	mov %cr0,%r12
	mov %r12,%cr0
	mov %cr0,%r15
	mov %r15,%cr0
	mov %cr2,%rax
	mov %rax,%cr2
	mov %cr2,%rbp
	mov %rbp,%cr2
	mov %cr2,%r12
	mov %r12,%cr2
	mov %cr2,%r15
	mov %r15,%cr2
	mov %cr3,%rax
	mov %rax,%cr3
	mov %cr3,%rbp
	mov %rbp,%cr3
	mov %cr3,%r12
	mov %r12,%cr3
	mov %cr3,%r15
	mov %r15,%cr3
	mov %cr4,%rax
	mov %rax,%cr4
	mov %cr4,%rbp
	mov %rbp,%cr4
	mov %cr4,%r12
	mov %r12,%cr4
	mov %cr4,%r15
	mov %r15,%cr4
	mov %cr8,%rax
	mov %rax,%cr8
	mov %cr8,%rbp
	mov %rbp,%cr8
	mov %cr8,%r12
	mov %r12,%cr8
	mov %cr8,%r15
	mov %r15,%cr8

# ---- locked atomics, cmpxchg, xadd
	lock add %cl,(%rdx)
	lock addb $0x1,0x8(%rdi)
	lock addb $0x12,(%rax,%rbx,2)
	lock add %cx,(%rdx)
	lock addw $0x1,0x8(%rdi)
	lock addw $0x1234,(%rax,%rbx,2)
	lock add %ecx,(%rdx)
	lock addl $0x1,0x8(%rdi)
	lock addl $0x1234,(%rax,%rbx,2)
	lock add %rcx,(%rdx)
	lock addq $0x1,0x8(%rdi)
	lock addq $0x1234,(%rax,%rbx,2)
	lock or %cl,(%rdx)
	lock orb $0x1,0x8(%rdi)
	lock orb $0x12,(%rax,%rbx,2)
	lock or %cx,(%rdx)
	lock orw $0x1,0x8(%rdi)
	lock orw $0x1234,(%rax,%rbx,2)
	lock or %ecx,(%rdx)
	lock orl $0x1,0x8(%rdi)
	lock orl $0x1234,(%rax,%rbx,2)
	lock or %rcx,(%rdx)
	lock orq $0x1,0x8(%rdi)
	lock orq $0x1234,(%rax,%rbx,2)
	lock adc %cl,(%rdx)
	lock adcb $0x1,0x8(%rdi)
	lock adcb $0x12,(%rax,%rbx,2)
	lock adc %cx,(%rdx)
	lock adcw $0x1,0x8(%rdi)
	lock adcw $0x1234,(%rax,%rbx,2)
	lock adc %ecx,(%rdx)
	lock adcl $0x1,0x8(%rdi)
	lock adcl $0x1234,(%rax,%rbx,2)
	lock adc %rcx,(%rdx)
	lock adcq $0x1,0x8(%rdi)
	lock adcq $0x1234,(%rax,%rbx,2)
	lock sbb %cl,(%rdx)
	lock sbbb $0x1,0x8(%rdi)
	lock sbbb $0x12,(%rax,%rbx,2)
	lock sbb %cx,(%rdx)
	lock sbbw $0x1,0x8(%rdi)
	lock sbbw $0x1234,(%rax,%rbx,2)
	lock sbb %ecx,(%rdx)
	lock sbbl $0x1,0x8(%rdi)
	lock sbbl $0x1234,(%rax,%rbx,2)
	lock sbb %rcx,(%rdx)
	lock sbbq $0x1,0x8(%rdi)
	lock sbbq $0x1234,(%rax,%rbx,2)
	lock and %cl,(%rdx)
	lock andb $0x1,0x8(%rdi)
	lock andb $0x12,(%rax,%rbx,2)
	lock and %cx,(%rdx)
	lock andw $0x1,0x8(%rdi)
	lock andw $0x1234,(%rax,%rbx,2)
	lock and %ecx,(%rdx)
	lock andl $0x1,0x8(%rdi)
	lock andl $0x1234,(%rax,%rbx,2)
	lock and %rcx,(%rdx)
	lock andq $0x1,0x8(%rdi)
	lock andq $0x1234,(%rax,%rbx,2)
	lock sub %cl,(%rdx)
	lock subb $0x1,0x8(%rdi)
	lock subb $0x12,(%rax,%rbx,2)
	lock sub %cx,(%rdx)
	lock subw $0x1,0x8(%rdi)
	lock subw $0x1234,(%rax,%rbx,2)
	lock sub %ecx,(%rdx)
	lock subl $0x1,0x8(%rdi)
	lock subl $0x1234,(%rax,%rbx,2)
	lock sub %rcx,(%rdx)
	lock subq $0x1,0x8(%rdi)
	lock subq $0x1234,(%rax,%rbx,2)
	lock xor %cl,(%rdx)
	lock xorb $0x1,0x8(%rdi)
	lock xorb $0x12,(%rax,%rbx,2)
	lock xor %cx,(%rdx)
	lock xorw $0x1,0x8(%rdi)
	lock xorw $0x1234,(%rax,%rbx,2)
	lock xor %ecx,(%rdx)
	lock xorl $0x1,0x8(%rdi)
	lock xorl $0x1234,(%rax,%rbx,2)
	lock xor %rcx,(%rdx)
	lock xorq $0x1,0x8(%rdi)
	lock xorq $0x1234,(%rax,%rbx,2)
	lock incb (%rax)
	lock incw (%rax)
	lock incl (%rax)
	lock incq (%rax)
	lock decb (%rax)
	lock decw (%rax)
	lock decl (%rax)
	lock decq (%rax)
	lock notb (%rax)
	lock notw (%rax)
	lock notl (%rax)
	lock notq (%rax)
	lock negb (%rax)
	lock negw (%rax)
	lock negl (%rax)
	lock negq (%rax)
	lock xadd %al,(%rdx)
	xadd %r11b,0x10(%rsp)
	xadd %bl,%r12b
	lock xadd %ax,(%rdx)
	xadd %r11w,0x10(%rsp)
	xadd %bx,%r12w
	lock xadd %eax,(%rdx)
	xadd %r11d,0x10(%rsp)
	xadd %ebx,%r12d
	lock xadd %rax,(%rdx)
	xadd %r11,0x10(%rsp)
	xadd %rbx,%r12
	lock cmpxchg %al,(%rdx)
	cmpxchg %r11b,0x10(%rsp)
	cmpxchg %bl,%r12b
	lock cmpxchg %ax,(%rdx)
	cmpxchg %r11w,0x10(%rsp)
	cmpxchg %bx,%r12w
	lock cmpxchg %eax,(%rdx)
	cmpxchg %r11d,0x10(%rsp)
	cmpxchg %ebx,%r12d
	lock cmpxchg %rax,(%rdx)
	cmpxchg %r11,0x10(%rsp)
	cmpxchg %rbx,%r12
	lock xchg %al,(%rdx)
	xchg %r11b,0x10(%rsp)
	xchg %bl,%r12b
	lock xchg %ax,(%rdx)
	xchg %r11w,0x10(%rsp)
	xchg %bx,%r12w
	lock xchg %eax,(%rdx)
	xchg %r11d,0x10(%rsp)
	xchg %ebx,%r12d
	lock xchg %rax,(%rdx)
	xchg %r11,0x10(%rsp)
	xchg %rbx,%r12
	lock bts %eax,(%rdx)
	lock btsq $0x3,(%rdx)
	lock btr %eax,(%rdx)
	lock btrq $0x3,(%rdx)

# ---- string instructions
	movsb
	movsw
	movsl
	movsq
	stosb
	stosw
	stosl
	stosq
	rep movsb
	rep movsw
	rep movsl
	rep movsq
	rep stosb
	rep stosw
	rep stosl
	rep stosq

# ---- seed 002: a page-fault ISR in the kernel's style
	push %rbp
	mov %rsp,%rbp
	sub $0x78,%rsp
	mov %rdi,-0x8(%rbp)
	mov %rsi,-0x10(%rbp)
	movq $0xffffffffffffffff,0x78(%rsp)
	mov %rax,0x70(%rsp)
	mov %rcx,0x68(%rsp)
	callq *0x10(%rip)
	mov 0x70(%rsp),%rax
	add $0x78,%rsp
	leave
	iretq
	.byte 0x66, 0x66, 0x90
	lock xadd %eax,(%rdx)

# ---- sign extension without REX.W, 16-bit leave
	movsxd %eax,%eax
	movsxd (%rax),%ecx
	movsxd %r9d,%r10d
	movsxd %eax,%ax
	movsxd 0x8(%rbx),%dx
	leavew

# ---- encodings GNU as never chooses, as raw bytes: aliases the CPU accepts and objdump names
	.byte 0xf6, 0xc8, 0x01	# test $0x1,%al (F6 /1)
	.byte 0xf7, 0xc8, 0x01, 0x00, 0x00, 0x00	# test $0x1,%eax (F7 /1)
	.byte 0xf6, 0x48, 0x08, 0x7f	# testb $0x7f,0x8(%rax) (F6 /1)
	.byte 0x48, 0xf7, 0x08, 0x01, 0x00, 0x00, 0x00	# testq $0x1,(%rax) (F7 /1)
	.byte 0xc0, 0xf0, 0x03	# shl $0x3,%al (C0 /6)
	.byte 0xc1, 0xf0, 0x03	# shl $0x3,%eax (C1 /6)
	.byte 0xd0, 0xf0	# shl %al (D0 /6)
	.byte 0xd1, 0xf0	# shl %eax (D1 /6)
	.byte 0x48, 0xd1, 0x30	# shlq (%rax) (D1 /6)
	.byte 0xd2, 0xf0	# shl %cl,%al (D2 /6)
	.byte 0xd3, 0x30	# shll %cl,(%rax) (D3 /6)
	.byte 0x66, 0xd3, 0xf0	# shl %cl,%ax (D3 /6)
	.byte 0x66, 0x0f, 0xb7, 0xc0	# movzww %ax,%ax
	.byte 0x66, 0x0f, 0xb7, 0x00	# movzww (%rax),%ax
	.byte 0x66, 0x0f, 0xbf, 0xc1	# movsww %cx,%ax
	.byte 0x66, 0x0f, 0xbf, 0x00	# movsww (%rax),%ax
	.byte 0x8a, 0xc1	# mov %cl,%al (8A reg-reg)
	.byte 0x8b, 0xc1	# mov %ecx,%eax (8B reg-reg)
	.byte 0x02, 0xc1	# add %cl,%al (02 reg-reg)
	.byte 0x48, 0x2b, 0xc1	# sub %rcx,%rax (2B reg-reg)
	.byte 0x48, 0x90	# rex.W nop
	.byte 0x0f, 0x1f, 0xc0	# nop %eax (0F 1F reg)
	.byte 0x0f, 0x95, 0xf8	# setne %al (SETcc ignores ModRM.reg)
	.byte 0x2e, 0x74, 0x00	# je,pn (branch hint)
	.byte 0x3e, 0x75, 0x00	# jne,pt (branch hint)
	.byte 0xf3, 0xc3	# repz ret
	.byte 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00	# cs nopw 0x0(%rax,%rax,1)
corpus_end:
